package io.amlwarden.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's {@code values.schema.json} rejects invalid values before anything is
 * rendered. Each case checks that Helm names the offending value, so a test cannot pass
 * because rendering failed for some unrelated reason.
 */
class HelmValuesSchemaTest {

	private static final String SCHEMA_FAILURE = "values don't meet the specifications of the schema";

	@Test
	void brokenValuesFileIsRejectedByTheSchema() {
		assertThatThrownBy(() -> HelmChart.renderRaw(Map.of(), HelmChart.VALUES_BROKEN))
			.hasMessageContaining(SCHEMA_FAILURE)
			.hasMessageContaining("/replicaCount")
			.hasMessageContaining("replicaCout");
	}

	@Test
	void defaultAndProductionValuesSatisfyTheSchema() {
		assertThatCode(() -> HelmChart.renderRaw(Map.of(), HelmChart.VALUES_REQUIRED)).doesNotThrowAnyException();
		assertThatCode(() -> HelmChart.renderRaw(Map.of(), HelmChart.VALUES_PRODUCTION)).doesNotThrowAnyException();
	}

	static Stream<Arguments> invalidValues() {
		return Stream.of(Arguments.of("replicaCount as a string", "replicaCount: \"2\"\n", "/replicaCount"),
				Arguments.of("replicaCount below the minimum", "replicaCount: 0\n", "/replicaCount"),
				Arguments.of("unknown top-level key", "replicas: 3\n", "'replicas'"),
				Arguments.of("typo in a nested key", "image:\n  tags: \"1.0.0\"\n", "'tags'"),
				Arguments.of("empty image tag", "image:\n  tag: \"\"\n", "/image/tag"),
				Arguments.of("latest image tag", "image:\n  tag: latest\n", "/image/tag"),
				Arguments.of("unknown password source", "database:\n  password:\n    source: plaintext\n",
						"/database/password/source"),
				Arguments.of("key vault mode without endpoint", "database:\n  password:\n    source: keyVault\n",
						"/database/password/keyVault/endpoint"),
				Arguments.of("credentials in the JDBC URL",
						"database:\n  url: jdbc:postgresql://db:5432/app?user=a&password=hunter2\n", "/database/url"),
				Arguments.of("secret-looking extra config", "extraConfig:\n  GRAPH_CLIENT_SECRET: abc\n",
						"GRAPH_CLIENT_SECRET"),
				Arguments.of("root user", "podSecurity:\n  runAsUser: 0\n", "/podSecurity/runAsUser"),
				Arguments.of("ingress without host", "ingress:\n  enabled: true\n  tls:\n    secretName: tls\n",
						"/ingress/host"),
				Arguments.of("client id that is not a GUID", "workloadIdentity:\n  clientId: my-identity\n",
						"/workloadIdentity/clientId"),
				Arguments.of("TLS without certificate verification",
						"database:\n  url: jdbc:postgresql://db:5432/app?sslmode=require\n", "/database/url"),
				Arguments.of("webhook secret inline", "notifications:\n  endpoints:\n    - name: siem\n"
						+ "      url: https://siem.example/hook\n      secret: abcdefghijabcdefghijabcdefghij12\n",
						"secret"),
				Arguments.of("webhook over http", "notifications:\n  endpoints:\n    - name: siem\n"
						+ "      url: http://siem.example/hook\n      existingSecret: {name: hooks, key: siem}\n",
						"/notifications/endpoints/0/url"),
				Arguments.of("trusted proxy that is not an address", "ingress:\n  trustedProxies: ['.*']\n",
						"/ingress/trustedProxies/0"),
				Arguments.of("memory limit missing", "resources:\n  limits:\n    memory: null\n", "/resources/limits"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void schemaRejects(String description, String yaml, String offendingPath, @TempDir Path temp) throws IOException {
		Path values = Files.writeString(temp.resolve("values.yaml"), yaml);
		assertThatThrownBy(() -> HelmChart.renderRaw(Map.of(), values)).as(description)
			.hasMessageContaining(SCHEMA_FAILURE)
			.hasMessageContaining(offendingPath);
	}

}
