package io.amlwarden.access;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of access reviews ({@code warden.access.*}).
 *
 * @param breakGlassPrincipalIds Entra object ids of emergency-access accounts: their
 * assignments are reported like any other but never proposed for removal and never
 * removed
 * @param abacExpectedRoles role names or definition GUIDs whose assignments should carry
 * an ABAC {@code condition} (constrained delegation)
 * @param dataPlaneRoles role names or GUIDs that are powerful on a workspace's data
 * plane; reported when assigned to people rather than groups at workspace scope (Key
 * Vault Crypto Officer counts on the workspace's CMK vault)
 * @param maxRemovalShare ceiling on the share of a review's items one apply run may
 * remove; a definition may ask for less, never for more
 * @param timeoutWarning how long before an instance's due time the "about to time out"
 * notice goes out
 * @param applyLease how long an apply run holds an instance before another replica may
 * take over (a crashed run)
 * @param signalScanSubscriptions subscriptions the scheduled signal scan covers; empty
 * turns the scan off
 * @param signalScanCron when the signal scan runs
 * @param campaignCron when due instances are opened, timed out and auto-applied
 * @param twoPersonThreshold how many removals one Admin may apply on their own: a run
 * that could remove more must be applied by a second Admin, neither the one who defined
 * the review nor the one who closed it (0, the default: every removal needs two people)
 * @param servicePrincipalIds Entra object ids of AML Warden's own identity (its managed
 * identity or service principal): assignments to it are never removed by a review, so a
 * review can never cut off the service that applies it
 */
@Validated
@ConfigurationProperties("warden.access")
record AccessProperties(@DefaultValue List<String> breakGlassPrincipalIds, @DefaultValue( {
		"User Access Administrator", "Role Based Access Control Administrator" }) List<String> abacExpectedRoles,
		@DefaultValue({ "AzureML Data Scientist", "AzureML Compute Operator",
				"Key Vault Crypto Officer" }) List<String> dataPlaneRoles,
		@DefaultValue("0.25") @DecimalMin("0") @DecimalMax("1") double maxRemovalShare,
		@DefaultValue("P2D") Duration timeoutWarning, @DefaultValue("PT15M") Duration applyLease,
		@DefaultValue List<String> signalScanSubscriptions, @DefaultValue("0 30 3 * * *") String signalScanCron,
		@DefaultValue("0 */5 * * * *") String campaignCron, @DefaultValue("0") @Min(0) int twoPersonThreshold,
		@DefaultValue List<String> servicePrincipalIds){

	AccessProperties {
		breakGlassPrincipalIds = copy(breakGlassPrincipalIds);
		abacExpectedRoles = copy(abacExpectedRoles);
		dataPlaneRoles = copy(dataPlaneRoles);
		signalScanSubscriptions = copy(signalScanSubscriptions);
		servicePrincipalIds = copy(servicePrincipalIds);
	}

	private static List<String> copy(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

	boolean isServicePrincipal(String principalId) {
		return this.servicePrincipalIds.stream().anyMatch((id) -> id.equalsIgnoreCase(principalId));
	}

	AccessPolicy policy() {
		return new AccessPolicy(this.breakGlassPrincipalIds, this.abacExpectedRoles, this.dataPlaneRoles);
	}

}
