package io.amlwarden.posture.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The committed mapping of checks to framework controls
 * ({@code compliance/frameworks.json}). It is generated from the Azure Policy
 * regulatory-compliance initiatives named in each framework's {@link Source}: a control
 * maps to a check when the initiative assigns one of the check's policy definitions to
 * that control. Only controls evidenced by at least one check are listed; every control
 * id of the initiative is kept in {@code allControlIds} so a mapping can be proved
 * against it.
 */
@Component
class ComplianceFrameworks {

	static final String RESOURCE = "compliance/frameworks.json";

	private final List<Framework> frameworks;

	ComplianceFrameworks(JsonMapper json) {
		this.frameworks = load(json).frameworks();
	}

	static Catalogue load(JsonMapper json) {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return json.readValue(in, Catalogue.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	List<Framework> all() {
		return this.frameworks;
	}

	Optional<Framework> find(String id) {
		String key = id.toLowerCase(Locale.ROOT);
		return this.frameworks.stream().filter((framework) -> framework.id().equals(key)).findFirst();
	}

	/**
	 * The data file.
	 *
	 * @param frameworks every supported framework
	 */
	record Catalogue(List<Framework> frameworks) {
	}

	/**
	 * One framework.
	 *
	 * @param id stable id, e.g. {@code nist-sp-800-53-r5}
	 * @param title the initiative's display name
	 * @param version the initiative's version at the source commit
	 * @param source where the mapping was derived from
	 * @param controls the controls evidenced by at least one check
	 * @param allControlIds every control id of the initiative
	 */
	record Framework(String id, String title, String version, Source source, List<Control> controls,
			List<String> allControlIds) {
	}

	/**
	 * The initiative a framework's mapping comes from.
	 *
	 * @param repository the GitHub repository, {@code Azure/azure-policy}
	 * @param path the initiative's file in that repository
	 * @param commit the commit the mapping was generated from
	 */
	record Source(String repository, String path, String commit) {
	}

	/**
	 * One control and the checks that evidence it.
	 *
	 * @param id the initiative's group name for the control
	 * @param title the control's title where the initiative gives one, else its id
	 * @param checks ids of the checks mapped to the control
	 */
	record Control(String id, String title, List<String> checks) {
	}

}
