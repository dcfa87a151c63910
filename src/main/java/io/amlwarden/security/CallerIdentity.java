package io.amlwarden.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who called, as far as the audit trail and the decision records need to know: the Entra
 * object id of the user or service principal, the calling application and a display name.
 * Never holds the token itself.
 *
 * @param principalId Entra object id ({@code oid}), or {@code sub} when there is none
 * @param appId the calling client ({@code azp} for v2.0 tokens, {@code appid} for v1.0)
 * @param name a human-readable name ({@code name}, {@code preferred_username} or the app
 * id)
 * @param roles the effective Warden roles, e.g. {@code [READER, OPERATOR]}
 */
public record CallerIdentity(String principalId, @Nullable String appId, @Nullable String name, List<String> roles) {

	/** Request attribute under which the security filter chain leaves the caller. */
	public static final String REQUEST_ATTRIBUTE = CallerIdentity.class.getName();

	/** The caller of a request that carried no valid token. */
	public static final CallerIdentity ANONYMOUS = new CallerIdentity("anonymous", null, null, List.of());

	static CallerIdentity of(Jwt jwt) {
		String principal = firstNonBlank(jwt.getClaimAsString("oid"), jwt.getSubject());
		String appId = firstNonBlank(jwt.getClaimAsString("azp"), jwt.getClaimAsString("appid"));
		String name = firstNonBlank(jwt.getClaimAsString("name"), jwt.getClaimAsString("preferred_username"), appId);
		return new CallerIdentity((principal != null) ? principal : "unknown", appId, name, List.of());
	}

	/**
	 * The caller of a request, as left by the security filter chain.
	 * @param request the request
	 * @return the caller, or {@link #ANONYMOUS} if authentication did not succeed
	 */
	public static CallerIdentity of(jakarta.servlet.http.HttpServletRequest request) {
		return (request.getAttribute(REQUEST_ATTRIBUTE) instanceof CallerIdentity caller) ? caller : ANONYMOUS;
	}

	/**
	 * The identity behind an authentication, if it is a validated token.
	 * @param authentication the current authentication, possibly {@code null}
	 * @return the caller, or {@link #ANONYMOUS}
	 */
	public static CallerIdentity from(@Nullable Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
			CallerIdentity identity = of(token.getToken());
			List<String> roles = token.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith("ROLE_"))
				.map((authority) -> authority.substring("ROLE_".length()))
				.sorted()
				.toList();
			return new CallerIdentity(identity.principalId(), identity.appId(), identity.name(), roles);
		}
		return ANONYMOUS;
	}

	private static @Nullable String firstNonBlank(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}
