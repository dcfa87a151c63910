package io.amlwarden.posture.checks;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.inventory.PrivateEndpointConnection;
import org.jspecify.annotations.Nullable;

/**
 * Comparisons shared by checks. Azure's enums are extensible strings echoed in varying
 * case, so everything compares ignoring case.
 */
final class Values {

	static final String DISABLED = "Disabled";

	private static final Pattern TLS = Pattern.compile("(?i)tls\\s*v?(\\d+)[._](\\d+)");

	private Values() {
	}

	static boolean is(@Nullable String value, String expected) {
		return expected.equalsIgnoreCase(value);
	}

	static boolean isTrue(@Nullable Boolean value) {
		return Boolean.TRUE.equals(value);
	}

	static boolean isFalse(@Nullable Boolean value) {
		return Boolean.FALSE.equals(value);
	}

	static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * A TLS version as a comparable number (TLS1_2 is 12), or -1 when it cannot be
	 * parsed.
	 */
	static int tlsVersion(@Nullable String value) {
		if (value == null) {
			return -1;
		}
		Matcher matcher = TLS.matcher(value.trim());
		return matcher.matches() ? Integer.parseInt(matcher.group(1)) * 10 + Integer.parseInt(matcher.group(2)) : -1;
	}

	/**
	 * The private endpoint evidence shared by the private-link checks.
	 */
	static Verdict privateLink(List<PrivateEndpointConnection> connections, String what) {
		long approved = connections.stream().filter(PrivateEndpointConnection::isApproved).count();
		String observed = approved + " approved of " + connections.size();
		return Verdict.of(approved > 0,
				"properties.privateEndpointConnections[*].privateLinkServiceConnectionState" + ".status", observed,
				"at least one Approved", "The " + what + " has an approved private endpoint connection",
				connections.isEmpty() ? "The " + what + " has no private endpoint connection"
						: "None of the " + what + "'s private endpoint connections is approved");
	}

	/**
	 * A {@code publicNetworkAccess}-style property: Disabled passes; absent means
	 * Enabled, the services' default.
	 */
	static Verdict publicAccessDisabled(@Nullable String value, String path, String what) {
		if (value == null) {
			return Verdict.fail(path, null, DISABLED,
					"Public network access is not set, which means Enabled for the " + what);
		}
		return Verdict.of(is(value, DISABLED), path, value, DISABLED,
				"Public network access to the " + what + " is disabled",
				"Public network access to the " + what + " is " + value);
	}

	/**
	 * A registry {@code policies.*.status}-style switch that must be {@code disabled};
	 * absent means the service's default, enabled.
	 */
	static Verdict statusDisabled(@Nullable String status, String path, String passDetail, String enabledDetail) {
		return Verdict.of(is(status, "disabled"), path, status, "disabled", passDetail,
				(status == null) ? enabledDetail + " (not set; enabled is the default)" : enabledDetail);
	}

}
