package io.amlwarden.access;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
		@DefaultValue("0 */5 * * * *") String campaignCron){

	AccessProperties {
		breakGlassPrincipalIds = copy(breakGlassPrincipalIds);
		abacExpectedRoles = copy(abacExpectedRoles);
		dataPlaneRoles = copy(dataPlaneRoles);
		signalScanSubscriptions = copy(signalScanSubscriptions);
	}

	private static List<String> copy(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

	AccessPolicy policy() {
		return new AccessPolicy(this.breakGlassPrincipalIds, this.abacExpectedRoles, this.dataPlaneRoles);
	}

}
