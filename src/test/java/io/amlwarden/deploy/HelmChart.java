package io.amlwarden.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * Runs {@code helm lint} and {@code helm template} in-process (helm-java: the Helm Go
 * library through JNA, no helm binary or cluster needed) on the chart in
 * {@code helm/aml-warden}.
 */
final class HelmChart {

	static final String RELEASE = "aml-warden";

	static final String NAMESPACE = "aml-warden";

	/** Kubernetes version the chart is rendered for (the oldest the chart supports). */
	static final String KUBE_VERSION = "1.30.0";

	static final Path CHART = Path.of("helm", "aml-warden").toAbsolutePath();

	static final Path VALUES_PRODUCTION = Path.of("src", "test", "resources", "deploy", "values-production.yaml")
		.toAbsolutePath();

	/**
	 * Only the values the chart requires (no default registry, the PostgreSQL and Azure
	 * egress): what the "defaults" renders add to {@code values.yaml}.
	 */
	static final Path VALUES_REQUIRED = Path.of("src", "test", "resources", "deploy", "values-required.yaml")
		.toAbsolutePath();

	static final Path VALUES_BROKEN = Path.of("src", "test", "resources", "deploy", "values-broken.yaml")
		.toAbsolutePath();

	private HelmChart() {
	}

	static LintResult lint(Path chart) {
		requireChart(chart);
		return new Helm(chart).lint().call();
	}

	static LintResult lintStrict(Path chart) {
		requireChart(chart);
		return new Helm(chart).lint().strict().call();
	}

	/** {@code helm template} with the chart defaults and the required values only. */
	static RenderedManifests render() {
		return render(Map.of());
	}

	/**
	 * {@code helm template} with the chart defaults, the required values and the given
	 * {@code --set} overrides.
	 */
	static RenderedManifests render(Map<String, Object> sets) {
		return render(sets, VALUES_REQUIRED);
	}

	/**
	 * {@code helm template} with the given values files (in order) and {@code --set}
	 * overrides.
	 */
	static RenderedManifests render(Map<String, Object> sets, Path... valuesFiles) {
		return RenderedManifests.parse(renderRaw(sets, valuesFiles));
	}

	static String renderRaw(Map<String, Object> sets, Path... valuesFiles) {
		requireChart(CHART);
		TemplateCommand command = new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBE_VERSION);
		for (Path valuesFile : valuesFiles) {
			if (!Files.isRegularFile(valuesFile)) {
				throw new IllegalArgumentException("values file not found: " + valuesFile);
			}
			command = command.withValuesFile(valuesFile);
		}
		for (Map.Entry<String, Object> set : new LinkedHashMap<>(sets).entrySet()) {
			command = command.set(set.getKey(), set.getValue());
		}
		return command.call();
	}

	private static void requireChart(Path chart) {
		if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
			throw new IllegalStateException("no chart at " + chart);
		}
	}

}
