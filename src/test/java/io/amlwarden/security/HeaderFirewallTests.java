package io.amlwarden.security;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The firewall's fast header check gives the same answer as Spring Security's default
 * pattern, and the firewall still rejects control characters in headers.
 */
class HeaderFirewallTests {

	private static final Pattern DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	@Test
	void answersAsTheDefaultPattern() {
		StringBuilder everyAscii = new StringBuilder();
		for (char c = 0; c < 0x100; c++) {
			everyAscii.append(c);
			String single = String.valueOf(c);
			assertThat(HeaderFirewall.assignedAndNotControl(single)).as("U+%04X", (int) c)
				.isEqualTo(DEFAULT.matcher(single).matches());
		}
		for (String text : List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "application/json", "a\tb",
				"a\nb", "a\u007fb", "caf\u00e9", "\u0378", "x\ud800", "emoji \ud83d\ude00", "\u2028", "\uffff",
				everyAscii.toString())) {
			assertThat(HeaderFirewall.assignedAndNotControl(text)).as(text).isEqualTo(DEFAULT.matcher(text).matches());
		}
	}

	@Test
	void rejectsControlCharactersInHeaders() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/findings");
		request.addHeader("Authorization", "Bearer abc\u0007def");
		request.addHeader("X-Fine", "Bearer abc.def");
		HttpServletRequest firewalled = HeaderFirewall.create().getFirewalledRequest(request);
		assertThat(firewalled.getHeader("X-Fine")).isEqualTo("Bearer abc.def");
		assertThatThrownBy(() -> firewalled.getHeader("Authorization")).isInstanceOf(RequestRejectedException.class);
	}

}
