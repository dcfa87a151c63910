package io.amlwarden.posture;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Everything known about a check, independent of any resource.
 *
 * @param id stable kebab-case id, e.g. {@code kv-purge-protection}
 * @param title one-line statement of the compliant condition
 * @param severity how much a failure matters
 * @param resourceType the ARM type the check judges, e.g.
 * {@code Microsoft.KeyVault/vaults}
 * @param category what the check protects
 * @param profiles the profiles that include the check
 * @param policyDefinitionIds GUIDs of the Azure Policy built-in definitions that test the
 * same condition (empty when none exists)
 * @param mcsbControl the Microsoft cloud security benchmark control, e.g. {@code NS-2},
 * or {@code null}
 * @param cisControl the CIS Microsoft Azure Foundations recommendation with its benchmark
 * version, e.g. {@code CIS Azure 2.0.0 8.5}, or {@code null}
 * @param rationale why the condition matters and how absent values are judged
 * @param remediationCli an {@code az} command that fixes a failing resource
 * @param remediationBicep the Bicep property to set
 */
public record CheckMetadata(String id, String title, Severity severity, String resourceType, Category category,
		Set<Profile> profiles, List<String> policyDefinitionIds, @Nullable String mcsbControl,
		@Nullable String cisControl, String rationale, String remediationCli, String remediationBicep) {

	public CheckMetadata {
		profiles = Set.copyOf(profiles);
		policyDefinitionIds = List.copyOf(policyDefinitionIds);
	}

	/**
	 * Whether the check is evaluated in a profile.
	 * @param profile the profile
	 * @return whether it is included
	 */
	public boolean includedIn(Profile profile) {
		return this.profiles.contains(profile);
	}

}
