package io.amlwarden.posture;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue as a whole: ids, metadata completeness, the minimum catalogue and one
 * test per check.
 */
class CatalogueTests {

	/** The minimum catalogue: checks the service must always have. */
	static final List<String> REQUIRED_IDS = List.of("aml-ws-cmk", "aml-ws-public-network-disabled",
			"aml-ws-no-public-behind-vnet", "aml-ws-private-link", "aml-ws-managed-vnet-approved-outbound",
			"aml-ws-diagnostic-logs", "aml-ws-user-assigned-identity", "aml-ws-hbi", "aml-ws-identity-datastores",
			"aml-ws-service-side-cmk-blocks-rotation", "aml-ws-cmk-key-healthy", "aml-cmp-local-auth-disabled",
			"aml-cmp-in-vnet", "aml-cmp-no-public-ip-ssh", "aml-ci-latest-os", "aml-ci-idle-shutdown",
			"aml-endpoint-public-disabled", "aml-endpoint-aad-auth", "kv-soft-delete", "kv-purge-protection",
			"kv-rbac-model", "kv-public-network-disabled", "kv-firewall-default-deny", "kv-private-link",
			"kv-audit-logs", "kv-key-expiry-set", "kv-key-rotation-policy", "kv-key-rotation-overdue",
			"kv-key-max-validity", "kv-key-strength", "st-https-only", "st-min-tls-1-2", "st-infra-encryption",
			"st-cmk", "st-cmk-key-autoupdate", "st-public-network-disabled", "st-default-deny", "st-blob-anon-disabled",
			"st-shared-key-disabled", "st-private-link", "st-no-cross-tenant-replication", "st-entra-default",
			"st-diagnostic-logs", "acr-admin-disabled", "acr-public-network-disabled", "acr-network-default-deny",
			"acr-private-link", "acr-cmk", "acr-anonymous-pull-disabled", "appi-local-auth-disabled",
			"appi-public-disabled", "appi-workspace-based", "def-keyvault", "def-storage", "def-containers", "def-arm",
			"def-cspm", "def-ai", "rbac-owner-count", "rbac-no-custom-owner", "rbac-uaa-restricted",
			"rbac-aml-least-privilege");

	/**
	 * Checks added to close coverage gaps against the leading tools: data the collector
	 * already read but nothing evaluated.
	 */
	static final List<String> GAP_IDS = List.of("st-trusted-services-bypass", "st-key-expiration-policy",
			"st-sas-expiration-policy", "acr-export-disabled", "acr-arm-audience-tokens", "kv-key-expires-soon",
			"aml-cmp-min-nodes-zero", "law-local-auth-disabled", "law-public-ingestion-disabled",
			"law-public-query-disabled");

	private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+");

	private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern MCSB = Pattern.compile("[A-Z]{2}-\\d{1,2}");

	private static final Pattern CIS = Pattern.compile("CIS Azure \\d+\\.\\d+\\.\\d+ \\d+(\\.\\d+)*");

	private static final Pattern ARM_TYPE = Pattern.compile("Microsoft\\.[A-Za-z]+/[A-Za-z]+(/[A-Za-z]+)*");

	private final List<PostureCheck> checks = Catalogue.checks();

	@Test
	void idsAreUniqueWellFormedKebabCase() {
		Set<String> seen = new HashSet<>();
		for (PostureCheck check : this.checks) {
			String id = check.metadata().id();
			assertThat(id).matches(KEBAB);
			assertThat(seen.add(id)).as("duplicate id %s", id).isTrue();
		}
	}

	@Test
	void everyIdOfTheMinimumCatalogueExists() {
		assertThat(this.checks.stream().map((c) -> c.metadata().id())).containsAll(REQUIRED_IDS).containsAll(GAP_IDS);
	}

	@Test
	void metadataIsComplete() {
		for (PostureCheck check : this.checks) {
			CheckMetadata m = check.metadata();
			String id = m.id();
			assertThat(m.title()).as(id).isNotBlank().doesNotEndWith(".");
			assertThat(m.severity()).as(id).isNotNull();
			assertThat(m.category()).as(id).isNotNull();
			assertThat(m.resourceType()).as(id).matches(ARM_TYPE);
			assertThat(m.profiles()).as(id).contains(Profile.REGULATED);
			assertThat(m.rationale()).as(id).hasSizeGreaterThan(80);
			assertThat(m.remediationCli()).as(id).startsWith("az ");
			assertThat(m.remediationBicep()).as(id).isNotBlank();
			assertThat(m.policyDefinitionIds()).as(id).allSatisfy((guid) -> assertThat(guid).matches(GUID));
			assertThat(m.policyDefinitionIds()).as(id).doesNotHaveDuplicates();
			if (m.mcsbControl() != null) {
				assertThat(m.mcsbControl()).as(id).matches(MCSB);
			}
			if (m.cisControl() != null) {
				assertThat(m.cisControl()).as(id).matches(CIS);
			}
		}
	}

	@Test
	void baselineLeavesOutOnlyCmkAdoptionAndPreviewControlsButKeepsKeyHygiene() {
		List<String> regulatedOnly = this.checks.stream()
			.map(PostureCheck::metadata)
			.filter((m) -> !m.includedIn(Profile.BASELINE))
			.map(CheckMetadata::id)
			.sorted()
			.toList();
		assertThat(regulatedOnly).containsExactly("acr-cmk", "aml-ws-cmk", "aml-ws-hbi",
				"aml-ws-managed-vnet-approved-outbound", "aml-ws-user-assigned-identity", "st-cmk",
				"st-infra-encryption");
	}

	@Test
	void everyCheckIsNamedAfterItsIdAndHasATestClass() throws Exception {
		for (PostureCheck check : this.checks) {
			Class<?> type = check.getClass();
			assertThat(type.getPackageName()).isEqualTo("io.amlwarden.posture.checks");
			assertThat(type.getSimpleName()).isEqualTo(className(check.metadata().id()));
			Class<?> tests = Class.forName(type.getName() + "Tests");
			// A family's shared cases live in an abstract base, so count inherited tests
			// too:
			// a check test class that runs nothing is as good as none.
			assertThat(java.lang.reflect.Modifier.isAbstract(tests.getModifiers())).as("%s is abstract", tests)
				.isFalse();
			assertThat(testMethods(tests)).as("tests of %s", type.getSimpleName()).isPositive();
		}
	}

	private static int testMethods(Class<?> type) {
		int count = 0;
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
				if (method.isAnnotationPresent(Test.class)) {
					count++;
				}
			}
		}
		return count;
	}

	@Test
	void theDocumentationListsEveryCheck() throws Exception {
		String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "posture.md"));
		for (PostureCheck check : this.checks) {
			assertThat(docs).as("docs/posture.md").contains("| `" + check.metadata().id() + "` |");
		}
	}

	private static String className(String id) {
		StringBuilder name = new StringBuilder();
		for (String part : id.split("-")) {
			name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
		}
		return name.append("Check").toString();
	}

}
