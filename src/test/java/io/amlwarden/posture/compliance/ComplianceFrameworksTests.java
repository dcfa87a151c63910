package io.amlwarden.posture.compliance;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.amlwarden.posture.Catalogue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed framework mapping: its source is named, every mapped control exists in
 * its initiative and every mapped check exists in the catalogue.
 */
class ComplianceFrameworksTests {

	private final List<ComplianceFrameworks.Framework> frameworks = new ComplianceFrameworks(
			JsonMapper.builder().build())
		.all();

	private final Set<String> checkIds = Catalogue.checks()
		.stream()
		.map((check) -> check.metadata().id())
		.collect(Collectors.toSet());

	@Test
	void holdsTheFourFrameworksWithTheirSource() {
		assertThat(this.frameworks).extracting(ComplianceFrameworks.Framework::id)
			.containsExactly("nist-sp-800-53-r5", "iso-27001-2022", "cis-azure-3.0.0", "pci-dss-4.0.1");
		assertThat(this.frameworks).allSatisfy((framework) -> {
			assertThat(framework.source().repository()).isEqualTo("Azure/azure-policy");
			assertThat(framework.source().path())
				.startsWith("built-in-policies/policySetDefinitions/Regulatory Compliance/")
				.endsWith(".json");
			assertThat(framework.source().commit()).matches("[0-9a-f]{40}");
			assertThat(framework.controls()).isNotEmpty();
		});
	}

	@Test
	void everyMappedControlExistsInItsInitiative() {
		for (ComplianceFrameworks.Framework framework : this.frameworks) {
			assertThat(framework.controls()).as(framework.id())
				.allSatisfy((control) -> assertThat(framework.allControlIds()).contains(control.id()));
		}
	}

	@Test
	void everyMappedCheckExistsAndCarriesPolicyDefinitions() {
		for (ComplianceFrameworks.Framework framework : this.frameworks) {
			assertThat(framework.controls()).as(framework.id()).allSatisfy((control) -> {
				assertThat(control.checks()).isNotEmpty();
				assertThat(this.checkIds).containsAll(control.checks());
			});
		}
		assertThat(Catalogue.checks().stream().filter((check) -> check.metadata().id().equals("kv-purge-protection")))
			.singleElement()
			.satisfies((check) -> assertThat(check.metadata().policyDefinitionIds()).isNotEmpty());
	}

	@Test
	void nistMapsKeyVaultPurgeProtectionToContingencyPlanning() {
		ComplianceFrameworks.Framework nist = this.frameworks.get(0);
		assertThat(nist.controls()).filteredOn((control) -> control.checks().contains("kv-purge-protection"))
			.extracting(ComplianceFrameworks.Control::id)
			.containsExactly("NIST_SP_800-53_R5_CP-9");
		assertThat(nist.allControlIds()).hasSizeGreaterThan(900);
	}

}
