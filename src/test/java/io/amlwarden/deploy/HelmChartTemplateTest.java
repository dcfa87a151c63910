package io.amlwarden.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.amlwarden.deploy.RenderedManifests.at;
import static io.amlwarden.deploy.RenderedManifests.list;
import static io.amlwarden.deploy.RenderedManifests.map;
import static io.amlwarden.deploy.RenderedManifests.name;
import static io.amlwarden.deploy.RenderedManifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the chart ({@code helm template}, in-process) with its default values and with
 * a production-like values file and checks the manifests a cluster would receive.
 */
class HelmChartTemplateTest {

	/** The Actuator endpoints the application serves on its management port. */
	static final Set<String> ACTUATOR_PATHS = Set.of("/actuator/health/liveness", "/actuator/health/readiness",
			"/actuator/health", "/actuator/info", "/actuator/prometheus");

	static final int APP_PORT = 8080;

	static final int MANAGEMENT_PORT = 8081;

	static final Pattern SECRET_LIKE_NAME = Pattern.compile("PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY",
			Pattern.CASE_INSENSITIVE);

	static final String WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";

	static final String WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";

	static Stream<Arguments> scenarios() {
		return Stream.of(Arguments.of(Scenario.DEFAULTS), Arguments.of(Scenario.PRODUCTION));
	}

	enum Scenario {

		DEFAULTS, PRODUCTION;

		RenderedManifests render() {
			return (this == PRODUCTION) ? HelmChart.render(Map.of(), HelmChart.VALUES_PRODUCTION) : HelmChart.render();
		}

		Map<String, Object> mergedValues() {
			return (this == PRODUCTION) ? ChartValues.of(HelmChart.VALUES_PRODUCTION)
					: ChartValues.of(HelmChart.VALUES_REQUIRED);
		}

	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void rendersTheExpectedKinds(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		Set<String> kinds = new HashSet<>();
		manifests.all().forEach((object) -> kinds.add((String) object.get("kind")));
		assertThat(kinds).contains("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget",
				"NetworkPolicy");
		if (scenario == Scenario.PRODUCTION) {
			assertThat(kinds).contains("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor");
		}
		for (Map<String, Object> object : manifests.all()) {
			assertThat(object.get("apiVersion")).as("apiVersion of %s", object.get("kind")).isNotNull();
			assertThat(name(object)).as("name of %s", object.get("kind")).isNotBlank();
			assertThat((String) at(object, "metadata", "namespace")).as("namespace of %s", object.get("kind"))
				.isEqualTo(HelmChart.NAMESPACE);
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void everyContainerIsNonRootWithReadOnlyRootFilesystemAndNoCapabilities(Scenario scenario) {
		List<PodSpec> pods = podSpecs(scenario.render());
		assertThat(pods).isNotEmpty();
		for (PodSpec pod : pods) {
			Map<String, Object> podContext = map(pod.spec(), "securityContext");
			List<Map<String, Object>> containers = containers(pod.spec());
			assertThat(containers).as("containers of %s", pod.owner()).isNotEmpty();
			for (Map<String, Object> container : containers) {
				String what = pod.owner() + "/" + container.get("name");
				Map<String, Object> context = map(container, "securityContext");
				assertThat(effective(context, podContext, "runAsNonRoot")).as("runAsNonRoot of %s", what)
					.isEqualTo(Boolean.TRUE);
				assertThat(effective(context, podContext, "runAsUser")).as("runAsUser of %s", what)
					.isInstanceOf(Integer.class);
				assertThat((Integer) effective(context, podContext, "runAsUser")).as("runAsUser of %s", what)
					.isPositive();
				assertThat(context.get("readOnlyRootFilesystem")).as("readOnlyRootFilesystem of %s", what)
					.isEqualTo(Boolean.TRUE);
				assertThat(context.get("allowPrivilegeEscalation")).as("allowPrivilegeEscalation of %s", what)
					.isEqualTo(Boolean.FALSE);
				assertThat(context.get("privileged")).as("privileged of %s", what).isNotEqualTo(Boolean.TRUE);
				assertThat(list(context, "capabilities", "drop")).as("dropped capabilities of %s", what)
					.asList()
					.contains("ALL");
				assertThat(list(context, "capabilities", "add")).as("added capabilities of %s", what).isEmpty();
				assertThat(at(effectiveMap(context, podContext, "seccompProfile"), "type"))
					.as("seccompProfile of %s", what)
					.isEqualTo("RuntimeDefault");
			}
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void podSecurityContextIsNonRootWithRuntimeDefaultSeccomp(Scenario scenario) {
		for (PodSpec pod : podSpecs(scenario.render())) {
			Map<String, Object> podContext = map(pod.spec(), "securityContext");
			assertThat(podContext.get("runAsNonRoot")).as("pod runAsNonRoot of %s", pod.owner())
				.isEqualTo(Boolean.TRUE);
			assertThat(podContext.get("runAsUser")).as("pod runAsUser of %s", pod.owner())
				.isInstanceOf(Integer.class)
				.isNotEqualTo(0);
			assertThat(at(podContext, "seccompProfile", "type")).as("pod seccompProfile of %s", pod.owner())
				.isEqualTo("RuntimeDefault");
			assertThat(at(pod.spec(), "automountServiceAccountToken")).as("automountServiceAccountToken")
				.isEqualTo(Boolean.FALSE);
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void onlyTmpIsWritableAndItIsAnEmptyDir(Scenario scenario) {
		for (PodSpec pod : podSpecs(scenario.render())) {
			Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
			list(pod.spec(), "volumes").forEach((volume) -> volumes.put((String) volume.get("name"), volume));
			for (Map<String, Object> container : containers(pod.spec())) {
				List<Map<String, Object>> mounts = list(container, "volumeMounts");
				assertThat(mounts).as("mounts of %s", container.get("name"))
					.anySatisfy((mount) -> assertThat(mount.get("mountPath")).isEqualTo("/tmp"));
				for (Map<String, Object> mount : mounts) {
					if (Boolean.TRUE.equals(mount.get("readOnly"))) {
						continue;
					}
					Map<String, Object> volume = volumes.get(mount.get("name"));
					assertThat(volume).as("volume %s", mount.get("name")).isNotNull();
					assertThat(volume).as("writable volume %s must be an emptyDir", mount.get("name"))
						.containsKey("emptyDir");
					assertThat(mount.get("mountPath")).as("writable mount").isEqualTo("/tmp");
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void probesHitActuatorHealthGroupsOnTheManagementPort(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		Map<String, Object> config = map(manifests.single("ConfigMap"), "data");
		assertThat(config.get("MANAGEMENT_SERVER_PORT")).as("management port the app listens on")
			.isEqualTo(String.valueOf(MANAGEMENT_PORT));
		Map<String, String> expectedPaths = Map.of("startupProbe", "/actuator/health/liveness", "livenessProbe",
				"/actuator/health/liveness", "readinessProbe", "/actuator/health/readiness");
		Map<String, Object> container = appContainer(manifests);
		expectedPaths.forEach((probe, expectedPath) -> {
			Map<String, Object> httpGet = map(container, probe, "httpGet");
			assertThat(httpGet).as("%s.httpGet", probe).isNotEmpty();
			assertThat((String) httpGet.get("path")).as("%s path", probe).isIn(ACTUATOR_PATHS).isEqualTo(expectedPath);
			assertThat(resolvePort(container, httpGet.get("port"))).as("%s port", probe).isEqualTo(MANAGEMENT_PORT);
			assertThat(httpGet.get("scheme")).as("%s scheme", probe).isIn(null, "HTTP");
		});
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void everyContainerHasResourceRequestsAndLimits(Scenario scenario) {
		for (PodSpec pod : podSpecs(scenario.render())) {
			for (Map<String, Object> container : containers(pod.spec())) {
				Map<String, Object> resources = map(container, "resources");
				assertThat(map(resources, "limits")).as("limits of %s", container.get("name"))
					.containsKeys("cpu", "memory");
				assertThat(map(resources, "requests")).as("requests of %s", container.get("name"))
					.containsKeys("cpu", "memory");
				assertThat(map(resources, "limits").values()).as("limits of %s", container.get("name"))
					.allSatisfy((value) -> assertThat(String.valueOf(value)).isNotBlank().isNotEqualTo("0"));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void imageIsTheRepositoryAndTagFromValues(Scenario scenario) {
		Map<String, Object> values = scenario.mergedValues();
		String expected = at(values, "image", "repository") + ":" + at(values, "image", "tag");
		assertThat(appContainer(scenario.render()).get("image")).isEqualTo(expected);
		assertThat(expected).doesNotEndWith(":latest");
	}

	@Test
	void productionImageTagIsTheOneFromTheProductionValuesFile() {
		Object tag = at(ChartValues.load(HelmChart.VALUES_PRODUCTION), "image", "tag");
		assertThat(tag).isNotNull();
		assertThat((String) appContainer(Scenario.PRODUCTION.render()).get("image")).endsWith(":" + tag);
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void podsUseAzureWorkloadIdentity(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		Map<String, Object> deployment = manifests.single("Deployment");
		assertThat(map(deployment, "spec", "template", "metadata", "labels").get(WORKLOAD_IDENTITY_USE))
			.as("pod label %s", WORKLOAD_IDENTITY_USE)
			.isEqualTo("true");
		String serviceAccountName = string(deployment, "spec", "template", "spec", "serviceAccountName");
		Map<String, Object> serviceAccount = manifests.single("ServiceAccount");
		assertThat(name(serviceAccount)).as("ServiceAccount used by the pods").isEqualTo(serviceAccountName);
		String clientId = string(scenario.mergedValues(), "workloadIdentity", "clientId");
		Map<String, Object> annotations = map(serviceAccount, "metadata", "annotations");
		if (clientId == null || clientId.isEmpty()) {
			// The chart never invents an identity; NOTES.txt warns instead.
			assertThat(annotations).doesNotContainKey(WORKLOAD_IDENTITY_CLIENT_ID);
		}
		else {
			assertThat(annotations).containsEntry(WORKLOAD_IDENTITY_CLIENT_ID, clientId);
		}
	}

	@Test
	void productionServiceAccountCarriesTheManagedIdentityClientId() {
		String clientId = string(ChartValues.load(HelmChart.VALUES_PRODUCTION), "workloadIdentity", "clientId");
		assertThat(clientId).isNotBlank();
		assertThat(map(Scenario.PRODUCTION.render().single("ServiceAccount"), "metadata", "annotations"))
			.containsEntry(WORKLOAD_IDENTITY_CLIENT_ID, clientId);
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void configMapsHoldNoSecrets(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		List<Map<String, Object>> configMaps = manifests.ofKind("ConfigMap");
		assertThat(configMaps).isNotEmpty();
		for (Map<String, Object> configMap : configMaps) {
			Map<String, Object> data = new LinkedHashMap<>(map(configMap, "data"));
			data.putAll(map(configMap, "binaryData"));
			assertThat(data.keySet()).as("keys of ConfigMap %s", name(configMap))
				.noneMatch((key) -> SECRET_LIKE_NAME.matcher(key).find());
			assertThat(data.values()).as("values of ConfigMap %s", name(configMap))
				.noneMatch((value) -> String.valueOf(value).toLowerCase().contains("password="));
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void passwordEnvironmentVariablesOnlyComeFromSecrets(Scenario scenario) {
		for (PodSpec pod : podSpecs(scenario.render())) {
			for (Map<String, Object> container : containers(pod.spec())) {
				for (Map<String, Object> env : list(container, "env")) {
					if (Pattern.compile("PASSWORD|PASSWD|TOKEN|CREDENTIAL", Pattern.CASE_INSENSITIVE)
						.matcher((String) env.get("name"))
						.find()) {
						assertThat(env).as("env %s", env.get("name")).doesNotContainKey("value");
						assertThat(map(env, "valueFrom", "secretKeyRef")).as("env %s", env.get("name"))
							.containsKeys("name", "key");
					}
				}
			}
		}
	}

	@Test
	void theTestPasswordInTheValuesFileIsNeverRenderedInKeyVaultMode() {
		String canary = canaryPassword();
		RenderedManifests manifests = Scenario.PRODUCTION.render();
		assertThat(manifests.raw()).doesNotContain(canary).doesNotContain(base64(canary));
		assertThat(manifests.ofKind("Secret")).isEmpty();
	}

	@Test
	void theTestPasswordOnlyEverAppearsInsideASecret() {
		String canary = canaryPassword();
		RenderedManifests manifests = HelmChart.render(Map.of("database.password.source", "inline"),
				HelmChart.VALUES_PRODUCTION);
		List<Map<String, Object>> secrets = manifests.ofKind("Secret");
		assertThat(secrets).hasSize(1);
		assertThat(new String(Base64.getDecoder().decode((String) at(secrets.get(0), "data", "password")),
				StandardCharsets.UTF_8))
			.isEqualTo(canary);
		for (Map<String, Object> object : manifests.all()) {
			if ("Secret".equals(object.get("kind"))) {
				continue;
			}
			String dumped = String.valueOf(object);
			assertThat(dumped).as("%s %s", object.get("kind"), name(object))
				.doesNotContain(canary)
				.doesNotContain(base64(canary));
		}
		Map<String, Object> passwordEnv = env(appContainer(manifests), "SPRING_DATASOURCE_PASSWORD");
		assertThat(at(passwordEnv, "valueFrom", "secretKeyRef", "name")).isEqualTo(name(secrets.get(0)));
	}

	@Test
	void defaultDatabasePasswordComesFromTheExistingSecret() {
		Map<String, Object> values = Scenario.DEFAULTS.mergedValues();
		Map<String, Object> env = env(appContainer(Scenario.DEFAULTS.render()), "SPRING_DATASOURCE_PASSWORD");
		assertThat(at(env, "valueFrom", "secretKeyRef", "name"))
			.isEqualTo(at(values, "database", "password", "existingSecret", "name"));
		assertThat(at(env, "valueFrom", "secretKeyRef", "key"))
			.isEqualTo(at(values, "database", "password", "existingSecret", "key"));
	}

	@Test
	void productionReadsTheDatabasePasswordFromKeyVault() {
		String endpoint = string(ChartValues.load(HelmChart.VALUES_PRODUCTION), "database", "password", "keyVault",
				"endpoint");
		Map<String, Object> container = appContainer(Scenario.PRODUCTION.render());
		assertThat(env(container, "SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTY_SOURCE_ENABLED")).containsEntry("value",
				"true");
		assertThat(env(container, "SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTYSOURCES_0_ENDPOINT"))
			.containsEntry("value", endpoint);
		// Only the password secret, not every secret of the vault, and read once.
		assertThat(env(container, "SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTYSOURCES_0_SECRETKEYS_0"))
			.containsEntry("value", "spring-datasource-password");
		assertThat(env(container, "SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTYSOURCES_0_REFRESHINTERVAL"))
			.containsEntry("value", "0");
		assertThat(list(container, "env"))
			.noneSatisfy((env) -> assertThat(env.get("name")).isEqualTo("SPRING_DATASOURCE_PASSWORD"));
		// Reading the secret takes the workload identity.
		Map<String, Object> pod = map(Scenario.PRODUCTION.render().single("Deployment"), "spec", "template");
		assertThat(map(pod, "metadata", "labels")).containsEntry("azure.workload.identity/use", "true");
	}

	@Test
	void outsideKeyVaultModeTheKeyVaultPropertySourceIsOffAndUnconfigured() {
		Map<String, Object> container = appContainer(Scenario.DEFAULTS.render());
		assertThat(env(container, "SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTY_SOURCE_ENABLED")).containsEntry("value",
				"false");
		assertThat(list(container, "env")).extracting((env) -> (String) env.get("name"))
			.noneMatch((name) -> name.startsWith("SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTYSOURCES"));
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void rolloutsAndDisruptionsKeepAtLeastTwoPods(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		Map<String, Object> deployment = manifests.single("Deployment");
		assertThat(at(deployment, "spec", "strategy", "type")).isEqualTo("RollingUpdate");
		assertThat(at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
		Integer replicas = (Integer) at(deployment, "spec", "replicas");
		if (replicas != null) {
			assertThat(replicas).as("Deployment replicas").isGreaterThanOrEqualTo(2);
		}
		else {
			Map<String, Object> hpa = manifests.single("HorizontalPodAutoscaler");
			assertThat((Integer) at(hpa, "spec", "minReplicas")).as("HPA minReplicas").isGreaterThanOrEqualTo(2);
			assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(name(deployment));
			assertThat(at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
		}
		Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
		Map<String, Object> pdb = manifests.single("PodDisruptionBudget");
		assertThat(podLabels).containsAllEntriesOf(map(pdb, "spec", "selector", "matchLabels"));
		assertThat(map(pdb, "spec", "selector", "matchLabels")).isNotEmpty();
	}

	@Test
	void productionScalesWithAnHpaInsteadOfFixedReplicas() {
		RenderedManifests manifests = Scenario.PRODUCTION.render();
		assertThat(map(manifests.single("Deployment"), "spec")).doesNotContainKey("replicas");
		assertThat((Integer) at(manifests.single("HorizontalPodAutoscaler"), "spec", "minReplicas"))
			.isEqualTo(at(ChartValues.load(HelmChart.VALUES_PRODUCTION), "autoscaling", "minReplicas"));
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void podsSpreadAcrossNodes(Scenario scenario) {
		Map<String, Object> podSpec = map(scenario.render().single("Deployment"), "spec", "template", "spec");
		boolean spread = list(podSpec, "topologySpreadConstraints").stream()
			.anyMatch((constraint) -> "kubernetes.io/hostname".equals(constraint.get("topologyKey")));
		boolean antiAffinity = list(podSpec, "affinity", "podAntiAffinity",
				"preferredDuringSchedulingIgnoredDuringExecution")
			.stream()
			.anyMatch((term) -> "kubernetes.io/hostname".equals(at(term, "podAffinityTerm", "topologyKey")))
				|| list(podSpec, "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
					.stream()
					.anyMatch((term) -> "kubernetes.io/hostname".equals(term.get("topologyKey")));
		assertThat(spread || antiAffinity).as("topology spread or pod anti-affinity across nodes").isTrue();
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void serviceSelectsThePodsAndExposesBothPorts(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		Map<String, Object> service = manifests.single("Service");
		Map<String, Object> container = appContainer(manifests);
		assertThat(map(manifests.single("Deployment"), "spec", "template", "metadata", "labels"))
			.containsAllEntriesOf(map(service, "spec", "selector"));
		Set<Integer> targets = new HashSet<>();
		list(service, "spec", "ports").forEach((port) -> targets.add(resolvePort(container, port.get("targetPort"))));
		assertThat(targets).containsExactlyInAnyOrder(APP_PORT, MANAGEMENT_PORT);
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void networkPolicyAllowsOnlyTheExpectedTraffic(Scenario scenario) {
		RenderedManifests manifests = scenario.render();
		Map<String, Object> policy = manifests.single("NetworkPolicy");
		Map<String, Object> container = appContainer(manifests);
		Map<String, Object> values = scenario.mergedValues();
		assertThat(list(policy, "spec", "policyTypes")).asList().containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(map(manifests.single("Deployment"), "spec", "template", "metadata", "labels"))
			.containsAllEntriesOf(map(policy, "spec", "podSelector", "matchLabels"));
		assertThat(map(policy, "spec", "podSelector", "matchLabels")).isNotEmpty();

		List<Map<String, Object>> ingress = list(policy, "spec", "ingress");
		assertThat(ingress).isNotEmpty();
		Set<String> apiNamespaces = new HashSet<>();
		for (Map<String, Object> rule : ingress) {
			List<Map<String, Object>> ports = list(rule, "ports");
			List<Map<String, Object>> from = list(rule, "from");
			assertThat(ports).as("ingress rule without ports allows every port").isNotEmpty();
			assertThat(from).as("ingress rule without peers allows every source").isNotEmpty();
			assertThat(from).allSatisfy((peer) -> assertThat(peer).doesNotContainKey("ipBlock"));
			Set<String> namespaces = new HashSet<>();
			from.forEach((peer) -> namespaces
				.add((String) at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")));
			assertThat(namespaces).as("every peer names its namespace").doesNotContainNull();
			for (Map<String, Object> port : ports) {
				int resolved = resolvePort(container, port.get("port"));
				assertThat(resolved).as("ingress port").isIn(APP_PORT, MANAGEMENT_PORT);
				if (resolved == MANAGEMENT_PORT) {
					assertThat(namespaces).as("namespaces reaching the management port")
						.containsExactly((String) at(values, "networkPolicy", "monitoring", "namespace"));
				}
				else {
					apiNamespaces.addAll(namespaces);
				}
			}
		}
		Set<String> expectedApiNamespaces = new HashSet<>();
		expectedApiNamespaces.add(string(values, "networkPolicy", "ingressController", "namespace"));
		if (at(values, "networkPolicy", "allowedNamespaces") instanceof List<?> allowed) {
			allowed.forEach((namespace) -> expectedApiNamespaces.add(String.valueOf(namespace)));
		}
		assertThat(apiNamespaces).isEqualTo(expectedApiNamespaces);

		Set<String> egressPorts = new HashSet<>();
		for (Map<String, Object> rule : list(policy, "spec", "egress")) {
			List<Map<String, Object>> ports = list(rule, "ports");
			assertThat(ports).as("egress rule without ports allows every port").isNotEmpty();
			ports.forEach((port) -> egressPorts.add(port.get("port") + "/" + port.getOrDefault("protocol", "TCP")));
		}
		// Azure: explicit CIDRs on 443, or the egress proxy's port; never both unset.
		String azure = (at(values, "networkPolicy", "egress", "proxy", "namespace") instanceof String namespace
				&& !namespace.isEmpty()) ? at(values, "networkPolicy", "egress", "proxy", "port") + "/TCP" : "443/TCP";
		assertThat(egressPorts).containsExactlyInAnyOrder("53/UDP", "53/TCP", "5432/TCP", azure);
	}

	@Test
	void productionIngressTerminatesTlsAndRoutesOnlyTheApiPort() {
		Map<String, Object> values = ChartValues.load(HelmChart.VALUES_PRODUCTION);
		RenderedManifests manifests = Scenario.PRODUCTION.render();
		Map<String, Object> ingress = manifests.single("Ingress");
		String host = string(values, "ingress", "host");
		List<Map<String, Object>> tls = list(ingress, "spec", "tls");
		assertThat(tls).hasSize(1);
		assertThat(list(tls.get(0), "hosts")).asList().containsExactly(host);
		assertThat(tls.get(0).get("secretName")).isEqualTo(at(values, "ingress", "tls", "secretName"));
		List<Map<String, Object>> rules = list(ingress, "spec", "rules");
		assertThat(rules).extracting((rule) -> rule.get("host")).containsOnly(host);
		Map<String, Object> service = manifests.single("Service");
		for (Map<String, Object> rule : rules) {
			for (Map<String, Object> path : list(rule, "http", "paths")) {
				assertThat(at(path, "backend", "service", "name")).isEqualTo(name(service));
				Object port = Objects.requireNonNullElse(at(path, "backend", "service", "port", "name"),
						at(path, "backend", "service", "port", "number"));
				Map<String, Object> servicePort = list(service, "spec", "ports").stream()
					.filter((candidate) -> port.equals(candidate.get("name")) || port.equals(candidate.get("port")))
					.findFirst()
					.orElseThrow();
				assertThat(resolvePort(appContainer(manifests), servicePort.get("targetPort")))
					.as("ingress backend container port")
					.isEqualTo(APP_PORT);
			}
		}
	}

	@Test
	void productionServiceMonitorScrapesPrometheusOnTheManagementPort() {
		RenderedManifests manifests = Scenario.PRODUCTION.render();
		Map<String, Object> monitor = manifests.single("ServiceMonitor");
		Map<String, Object> service = manifests.single("Service");
		assertThat(map(service, "metadata", "labels"))
			.containsAllEntriesOf(map(monitor, "spec", "selector", "matchLabels"));
		List<Map<String, Object>> endpoints = list(monitor, "spec", "endpoints");
		assertThat(endpoints).isNotEmpty();
		for (Map<String, Object> endpoint : endpoints) {
			assertThat((String) endpoint.get("path")).isIn(ACTUATOR_PATHS).isEqualTo("/actuator/prometheus");
			Map<String, Object> servicePort = list(service, "spec", "ports").stream()
				.filter((port) -> Objects.equals(port.get("name"), endpoint.get("port")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no Service port named " + endpoint.get("port")));
			assertThat(resolvePort(appContainer(manifests), servicePort.get("targetPort"))).isEqualTo(MANAGEMENT_PORT);
		}
		assertThat(map(monitor, "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
	}

	// ---------------------------------------------------------------------------------

	record PodSpec(String owner, Map<String, Object> spec) {
	}

	/** Pod specs of every workload kind the chart renders (now or later). */
	static List<PodSpec> podSpecs(RenderedManifests manifests) {
		List<PodSpec> specs = new ArrayList<>();
		for (Map<String, Object> object : manifests.all()) {
			String owner = object.get("kind") + "/" + name(object);
			switch ((String) object.get("kind")) {
				case "Pod" -> specs.add(new PodSpec(owner, map(object, "spec")));
				case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
					specs.add(new PodSpec(owner, map(object, "spec", "template", "spec")));
				case "CronJob" ->
					specs.add(new PodSpec(owner, map(object, "spec", "jobTemplate", "spec", "template", "spec")));
				default -> {
				}
			}
		}
		return specs;
	}

	static List<Map<String, Object>> containers(Map<String, Object> podSpec) {
		List<Map<String, Object>> all = new ArrayList<>(list(podSpec, "initContainers"));
		all.addAll(list(podSpec, "containers"));
		return all;
	}

	static Map<String, Object> appContainer(RenderedManifests manifests) {
		List<Map<String, Object>> containers = list(manifests.single("Deployment"), "spec", "template", "spec",
				"containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	static Map<String, Object> env(Map<String, Object> container, String name) {
		return list(container, "env").stream()
			.filter((env) -> name.equals(env.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name + " in " + list(container, "env")));
	}

	/** A container port given by number or by name, as the container declares it. */
	static int resolvePort(Map<String, Object> container, Object port) {
		if (port instanceof Integer number) {
			return number;
		}
		return list(container, "ports").stream()
			.filter((candidate) -> Objects.equals(candidate.get("name"), port))
			.map((candidate) -> (Integer) candidate.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("container declares no port named " + port));
	}

	private static Object effective(Map<String, Object> container, Map<String, Object> pod, String key) {
		return container.containsKey(key) ? container.get(key) : pod.get(key);
	}

	private static Map<String, Object> effectiveMap(Map<String, Object> container, Map<String, Object> pod,
			String key) {
		return container.containsKey(key) ? map(container, key) : map(pod, key);
	}

	private static String canaryPassword() {
		String canary = string(ChartValues.load(HelmChart.VALUES_PRODUCTION), "database", "password", "value");
		assertThat(canary).as("test-only password in values-production.yaml").isNotBlank();
		return canary;
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
