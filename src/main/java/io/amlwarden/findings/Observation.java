package io.amlwarden.findings;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One evaluated (check, resource) pair of a scan, as the ledger needs it.
 *
 * @param checkId stable check id
 * @param checkTitle human title of the check
 * @param severity CRITICAL, HIGH, MEDIUM, LOW or INFO
 * @param category the check's category
 * @param resourceId ARM id of the evaluated resource, as Azure returned it
 * @param resourceType ARM type
 * @param resourceName resource name
 * @param subscriptionId subscription of the resource
 * @param workspaceIds the workspaces this result is reported under
 * @param discriminator distinguishes several findings of one check on one resource (e.g.
 * a role assignment id); {@code null} when the check yields one result per resource
 * @param outcome what the check concluded
 * @param propertyPath evidence: the property looked at
 * @param observed evidence: the value seen
 * @param expected evidence: the condition required
 * @param detail a sentence explaining the result
 * @param remediation how to fix it
 */
public record Observation(String checkId, String checkTitle, String severity, String category, String resourceId,
		String resourceType, String resourceName, String subscriptionId, List<String> workspaceIds,
		@Nullable String discriminator, Outcome outcome, @Nullable String propertyPath, @Nullable String observed,
		@Nullable String expected, @Nullable String detail, @Nullable String remediation) {

	public Observation {
		workspaceIds = List.copyOf(workspaceIds);
		severity = severity.toUpperCase(Locale.ROOT);
	}

	/**
	 * The stable identity of this (check, resource[, discriminator]) pair.
	 * @return a SHA-256 hex digest over lower-cased ids
	 */
	public String fingerprint() {
		return Fingerprints.of(this.checkId, this.resourceId, this.discriminator);
	}

	/**
	 * What a check concluded about a resource.
	 */
	public enum Outcome {

		/** The resource meets the check. */
		PASS,

		/** The resource fails the check. */
		FAIL,

		/** The check does not apply to this resource. */
		NOT_APPLICABLE,

		/** The data needed could not be read; says nothing either way. */
		UNKNOWN

	}

}
