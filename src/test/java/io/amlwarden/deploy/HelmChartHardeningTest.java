package io.amlwarden.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.amlwarden.deploy.HelmChartTemplateTest.appContainer;
import static io.amlwarden.deploy.HelmChartTemplateTest.env;
import static io.amlwarden.deploy.HelmChartTemplateTest.resolvePort;
import static io.amlwarden.deploy.RenderedManifests.at;
import static io.amlwarden.deploy.RenderedManifests.list;
import static io.amlwarden.deploy.RenderedManifests.map;
import static io.amlwarden.deploy.RenderedManifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's secure deployment defaults: no default registry, a verified TLS connection
 * to PostgreSQL, egress limited to the database and Azure (never any host on 443),
 * webhook keys from Secrets only, Actuator kept off the ingress, and forwarded headers
 * trusted only from the configured proxies.
 */
class HelmChartHardeningTest {

	@Test
	void thereIsNoDefaultImageRegistry() {
		assertThat(string(ChartValues.of(), "image", "repository")).isEmpty();
		assertThatThrownBy(() -> HelmChart.renderRaw(Map.of("image.repository", ""), HelmChart.VALUES_REQUIRED))
			.hasMessageContaining("image.repository is required");
		assertThat((String) appContainer(HelmChart.render()).get("image"))
			.startsWith(string(ChartValues.load(HelmChart.VALUES_REQUIRED), "image", "repository") + ":");
	}

	@Test
	void theDefaultJdbcUrlVerifiesTheServerAgainstAMountedCa() {
		RenderedManifests manifests = HelmChart.render();
		String url = string(manifests.single("ConfigMap"), "data", "SPRING_DATASOURCE_URL");
		assertThat(url).contains("sslmode=verify-full").contains("sslrootcert=/etc/aml-warden/db-ca/ca.crt");
		Map<String, Object> container = appContainer(manifests);
		assertThat(list(container, "volumeMounts")).anySatisfy((mount) -> {
			assertThat(mount.get("mountPath")).isEqualTo("/etc/aml-warden/db-ca");
			assertThat(mount.get("readOnly")).isEqualTo(Boolean.TRUE);
			Map<String, Object> volume = list(manifests.single("Deployment"), "spec", "template", "spec", "volumes")
				.stream()
				.filter((v) -> v.get("name").equals(mount.get("name")))
				.findFirst()
				.orElseThrow();
			assertThat(at(volume, "configMap", "name")).isEqualTo("aml-warden-db-ca");
			assertThat(list(volume, "configMap", "items")).singleElement()
				.satisfies((item) -> assertThat(item.get("path")).isEqualTo("ca.crt"));
		});
	}

	@Test
	void egressNeverAllowsAnyHostOnHttpsOrPostgres(@TempDir Path temp) throws IOException {
		for (RenderedManifests manifests : List.of(HelmChart.render(),
				HelmChart.render(Map.of(), HelmChart.VALUES_PRODUCTION))) {
			for (Map<String, Object> rule : list(manifests.single("NetworkPolicy"), "spec", "egress")) {
				List<Map<String, Object>> to = list(rule, "to");
				assertThat(to).as("egress rule %s without peers allows every destination", rule).isNotEmpty();
				assertThat(to).allSatisfy(
						(peer) -> assertThat(String.valueOf(at(peer, "ipBlock", "cidr"))).isNotIn("0.0.0.0/0", "::/0"));
			}
		}
		Path noAzure = Files.writeString(temp.resolve("no-azure.yaml"), "networkPolicy: {egress: {httpsCidrs: []}}\n");
		assertThatThrownBy(() -> HelmChart.render(Map.of(), HelmChart.VALUES_REQUIRED, noAzure))
			.hasMessageContaining("never allows any host on 443");
		Path noDatabase = Files.writeString(temp.resolve("no-db.yaml"),
				"networkPolicy: {egress: {postgresCidrs: []}}\n");
		assertThatThrownBy(() -> HelmChart.render(Map.of(), HelmChart.VALUES_REQUIRED, noDatabase))
			.hasMessageContaining("networkPolicy.egress.postgresCidrs is required");
	}

	@Test
	void azureTrafficCanGoThroughAnEgressProxyOnly() {
		RenderedManifests manifests = HelmChart.render(Map.of(), HelmChart.VALUES_PRODUCTION);
		Map<String, Object> values = ChartValues.of(HelmChart.VALUES_PRODUCTION);
		assertThat(string(manifests.single("ConfigMap"), "data", "HTTPS_PROXY"))
			.isEqualTo(string(values, "networkPolicy", "egress", "proxy", "url"));
		List<Map<String, Object>> egress = list(manifests.single("NetworkPolicy"), "spec", "egress");
		assertThat(egress).noneSatisfy((rule) -> assertThat(list(rule, "ports"))
			.anySatisfy((port) -> assertThat(port.get("port")).isEqualTo(443)));
		assertThat(egress).anySatisfy((rule) -> {
			assertThat(list(rule, "ports")).singleElement()
				.satisfies((port) -> assertThat(port.get("port")).isEqualTo(3128));
			assertThat(list(rule, "to")).singleElement()
				.satisfies((
						peer) -> assertThat(at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
							.isEqualTo("egress"));
		});
	}

	@Test
	void webhookSecretsComeFromAKubernetesSecret() {
		RenderedManifests manifests = HelmChart.render(Map.of(), HelmChart.VALUES_PRODUCTION);
		Map<String, Object> data = map(manifests.single("ConfigMap"), "data");
		assertThat(data).containsEntry("WARDEN_NOTIFICATIONS_ENDPOINTS_0_NAME", "siem")
			.containsEntry("WARDEN_NOTIFICATIONS_ENDPOINTS_0_URL", "https://siem.platform.contoso.com/hooks/aml-warden")
			.containsEntry("WARDEN_NOTIFICATIONS_ENDPOINTS_0_EVENTTYPES", "io.amlwarden.rotation.*")
			.doesNotContainKey("WARDEN_NOTIFICATIONS_ENDPOINTS_0_SECRET");
		Map<String, Object> secret = env(appContainer(manifests), "WARDEN_NOTIFICATIONS_ENDPOINTS_0_SECRET");
		assertThat(at(secret, "valueFrom", "secretKeyRef", "name")).isEqualTo("aml-warden-webhooks");
		assertThat(at(secret, "valueFrom", "secretKeyRef", "key")).isEqualTo("siem-hmac");
		assertThat(secret).doesNotContainKey("value");
	}

	@Test
	void actuatorIsServedOnTheManagementPortAndNeverRoutedByTheIngress() {
		RenderedManifests manifests = HelmChart.render(Map.of(), HelmChart.VALUES_PRODUCTION);
		Map<String, Object> data = map(manifests.single("ConfigMap"), "data");
		assertThat(data.get("MANAGEMENT_SERVER_PORT")).isEqualTo(String.valueOf(HelmChartTemplateTest.MANAGEMENT_PORT))
			.isNotEqualTo(data.get("SERVER_PORT"));
		Map<String, Object> container = appContainer(manifests);
		Map<String, Object> service = manifests.single("Service");
		for (Map<String, Object> rule : list(manifests.single("Ingress"), "spec", "rules")) {
			for (Map<String, Object> path : list(rule, "http", "paths")) {
				Object portName = at(path, "backend", "service", "port", "name");
				Map<String, Object> servicePort = list(service, "spec", "ports").stream()
					.filter((port) -> port.get("name").equals(portName))
					.findFirst()
					.orElseThrow();
				assertThat(resolvePort(container, servicePort.get("targetPort")))
					.isEqualTo(HelmChartTemplateTest.APP_PORT);
			}
		}
	}

	@Test
	void forwardedHeadersAreTrustedOnlyFromTheConfiguredProxies() {
		Map<String, Object> defaults = map(HelmChart.render().single("ConfigMap"), "data");
		assertThat(defaults).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "none")
			.doesNotContainKey("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES");

		Map<String, Object> production = map(
				HelmChart.render(Map.of(), HelmChart.VALUES_PRODUCTION).single("ConfigMap"), "data");
		assertThat(production).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
		Pattern proxies = Pattern.compile(string(production, "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"));
		assertThat(proxies.matcher("10.20.8.10").matches()).isTrue();
		assertThat(proxies.matcher("10.20.8.11").matches()).isTrue();
		assertThat(proxies.matcher("10.20.8.100").matches()).isFalse();
		assertThat(proxies.matcher("10x20x8x10").matches()).isFalse();
		assertThat(proxies.matcher("192.168.1.1").matches()).isFalse();
	}

}
