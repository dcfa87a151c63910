package io.amlwarden.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm lint}, in-process.
 */
class HelmChartLintTest {

	@Test
	void chartLintsWithoutErrorsOrWarnings() {
		LintResult result = HelmChart.lintStrict(HelmChart.CHART);
		assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[ERROR]"))
			.noneMatch((message) -> message.contains("[WARNING]"));
	}

	@Test
	void chartHasTheFilesHelmAndOperatorsExpect() {
		assertThat(HelmChart.CHART.resolve("Chart.yaml")).content().contains("apiVersion: v2");
		assertThat(HelmChart.CHART.resolve("values.schema.json")).content()
			.contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\"");
		assertThat(HelmChart.CHART.resolve("templates/_helpers.tpl")).isRegularFile();
		assertThat(HelmChart.CHART.resolve("templates/NOTES.txt")).content()
			.contains("/swagger-ui.html")
			.contains("spring-datasource-password");
	}

	/**
	 * Proves the lint above would notice a broken chart: same chart, invalid defaults.
	 */
	@Test
	void lintFailsWhenTheDefaultValuesBreakTheSchema(@TempDir Path temp) throws IOException {
		Path copy = temp.resolve("aml-warden");
		copyTree(HelmChart.CHART, copy);
		Path values = copy.resolve("values.yaml");
		Files.writeString(values, Files.readString(values).replace("replicaCount: 2", "replicaCount: \"two\""));
		LintResult result = HelmChart.lint(copy);
		assertThat(result.isFailed()).isTrue();
		assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
	}

	/** Proves the lint above would notice a template error. */
	@Test
	void lintFailsOnABrokenTemplate(@TempDir Path temp) throws IOException {
		Path copy = temp.resolve("aml-warden");
		copyTree(HelmChart.CHART, copy);
		Files.writeString(copy.resolve("templates/broken.yaml"), "kind: ConfigMap\n{{ .Values.nope.missing }\n");
		LintResult result = HelmChart.lint(copy);
		assertThat(result.isFailed()).isTrue();
		assertThat(String.join("\n", result.getMessages())).contains("[ERROR]");
	}

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(path, destination);
				}
			}
		}
	}

}
