package io.amlwarden.security;

import java.util.regex.Pattern;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with the same rule for header names,
 * header values and parameter names (only assigned, non-control characters), checked
 * without a regular expression when the text is printable ASCII. The default check runs a
 * Unicode-property regex over every character of every header a request reads; on the
 * read load benchmark that was about a sixth of the service's CPU time, most of it on the
 * bearer token (docs/benchmarks.md). Printable ASCII (U+0020 to U+007E) is assigned and
 * never a control character, so the answer is the same; any other text still goes through
 * the default pattern.
 */
final class HeaderFirewall {

	// The pattern of StrictHttpFirewall's default header and parameter-name predicate.
	private static final Pattern ASSIGNED_AND_NOT_ISO_CONTROL = Pattern
		.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private HeaderFirewall() {
	}

	static StrictHttpFirewall create() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderFirewall::assignedAndNotControl);
		firewall.setAllowedHeaderValues(HeaderFirewall::assignedAndNotControl);
		firewall.setAllowedParameterNames(HeaderFirewall::assignedAndNotControl);
		return firewall;
	}

	static boolean assignedAndNotControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return ASSIGNED_AND_NOT_ISO_CONTROL.matcher(text).matches();
			}
		}
		return true;
	}

}
