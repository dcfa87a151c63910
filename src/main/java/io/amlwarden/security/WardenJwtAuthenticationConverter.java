package io.amlwarden.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated Entra access token into an authentication whose authorities are the
 * effective Warden roles. Roles are expanded here, once, so every authorization decision
 * (URL rules, method security) sees the same set.
 */
final class WardenJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Set<WardenRole> roles = EnumSet.noneOf(WardenRole.class);
		for (String appRole : rolesClaim(jwt)) {
			WardenRole.fromAppRole(appRole).ifPresent((role) -> roles.addAll(role.effectiveRoles()));
		}
		Collection<GrantedAuthority> authorities = roles.stream()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
			.toList();
		return new JwtAuthenticationToken(jwt, authorities, CallerIdentity.of(jwt).principalId());
	}

	private static List<String> rolesClaim(Jwt jwt) {
		Object claim = jwt.getClaims().get("roles");
		if (claim instanceof Collection<?> values) {
			return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

}
