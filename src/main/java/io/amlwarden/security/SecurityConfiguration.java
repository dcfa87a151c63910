package io.amlwarden.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.amlwarden.api.ProblemType;
import io.amlwarden.api.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The security rules of the whole service. Stateless bearer-token authentication only: no
 * sessions, no cookies, hence no CSRF token. Every {@code /api} route needs at least the
 * Reader role here; each operation's own role is enforced by {@link RequiresRole} on the
 * controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	private static final String[] PROBES = { "/actuator/health", "/actuator/health/**" };

	private static final String[] API_DOCS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
			"/swagger-ui.html", "/swagger-ui/**" };

	// The Ops dashboard's static page, its scripts and sign-in settings: no data, so no
	// token; the page calls /api with the user's token.
	private static final String[] DASHBOARD = { "/dashboard", "/dashboard/**", "/webjars/uplot/**" };

	private static final String[] METRICS = { "/actuator/info", "/actuator/prometheus" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, JwtDecoder jwtDecoder,
			Problems problems) throws Exception {
		AuthenticationEntryPoint entryPoint = problemEntryPoint(problems);
		AccessDeniedHandler accessDenied = problemAccessDeniedHandler(problems);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers.contentTypeOptions((options) -> {
			})
				.frameOptions((frame) -> frame.deny())
				// Written only on requests that arrived over TLS (directly or, with
				// forwarded headers on, through the ingress), as the HSTS spec requires.
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(properties))))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers("/error").permitAll();
				if (properties.publicProbes()) {
					requests.requestMatchers(PROBES).permitAll();
				}
				if (properties.publicApiDocs()) {
					requests.requestMatchers(API_DOCS).permitAll();
				}
				if (properties.publicMetrics()) {
					requests.requestMatchers(METRICS).permitAll();
				}
				requests.requestMatchers(HttpMethod.GET, DASHBOARD).permitAll();
				requests.requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll();
				requests.requestMatchers("/api/**").hasRole(WardenRole.READER.name());
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(
					(jwt) -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new WardenJwtAuthenticationConverter()))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.addFilterAfter((request, response, chain) -> {
				request.setAttribute(CallerIdentity.REQUEST_ATTRIBUTE,
						CallerIdentity.from(SecurityContextHolder.getContext().getAuthentication()));
				chain.doFilter(request, response);
			}, BearerTokenAuthenticationFilter.class);
		if (properties.corsAllowedOrigins().isEmpty()) {
			http.cors((cors) -> cors.disable());
		}
		else {
			http.cors((cors) -> cors.configurationSource(corsSource(properties.corsAllowedOrigins())));
		}
		return http.build();
	}

	/**
	 * The request firewall: Spring Security's strict one, with a cheaper but equivalent
	 * check of header names and values ({@link HeaderFirewall}).
	 */
	@Bean
	WebSecurityCustomizer requestFirewall() {
		return (web) -> web.httpFirewall(HeaderFirewall.create());
	}

	/**
	 * Validates Entra access tokens: RS256 signatures by a key of the tenant's JWKS
	 * (found through the issuer's discovery document on first use, so the service starts
	 * even while Entra is unreachable), the issuer, the audience, the calling client
	 * application, and the lifetime with a small skew.
	 */
	@Bean
	JwtDecoder jwtDecoder(SecurityProperties properties) {
		warnIfAnyClientMayCall(properties);
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(Duration.ofSeconds(5));
		requestFactory.setReadTimeout(Duration.ofSeconds(10));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuer())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.restOperations(new RestTemplate(requestFactory))
			.build();
		OAuth2TokenValidator<Jwt> validator = tokenValidator(properties);
		decoder.setJwtValidator(validator);
		// A client repeats its token on every request: verify its signature once a
		// minute, not on every request (the claims are still validated on every use).
		return new CachingJwtDecoder(decoder, validator, Clock.systemUTC(), Duration.ofMinutes(1), 10_000);
	}

	static OAuth2TokenValidator<Jwt> tokenValidator(SecurityProperties properties) {
		Set<String> issuers = new HashSet<>(properties.additionalIssuers());
		issuers.add(properties.issuer());
		Set<String> audiences = Set.copyOf(properties.audiences());
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<String>(JwtClaimNames.ISS, issuers::contains),
				(jwt) -> audienceValidation(jwt, audiences), clientValidation(properties.allowedClientAppIds()));
	}

	/**
	 * Without an allow-list, any application in the tenant that can obtain a token for
	 * this API (for example through user consent) may call it with the user's roles: say
	 * so where operators look.
	 */
	static void warnIfAnyClientMayCall(SecurityProperties properties) {
		if (properties.allowedClientAppIds().isEmpty()) {
			logger.warn("warden.security.allowed-client-app-ids is empty: tokens of any client application "
					+ "are accepted. List the portal's and automation's client ids to restrict who may call.");
		}
	}

	private static OAuth2TokenValidator<Jwt> clientValidation(List<String> allowed) {
		Set<String> clients = new HashSet<>();
		allowed.forEach((id) -> clients.add(id.trim().toLowerCase(Locale.ROOT)));
		return (jwt) -> {
			if (clients.isEmpty()) {
				return OAuth2TokenValidatorResult.success();
			}
			String client = CallerIdentity.of(jwt).appId();
			if (client != null && clients.contains(client.toLowerCase(Locale.ROOT))) {
				return OAuth2TokenValidatorResult.success();
			}
			return OAuth2TokenValidatorResult.failure(
					new OAuth2Error("invalid_token", "The calling application is not allowed to use this API", null));
		};
	}

	private static OAuth2TokenValidatorResult audienceValidation(Jwt jwt, Set<String> audiences) {
		List<String> tokenAudiences = jwt.getAudience();
		if (tokenAudiences != null && tokenAudiences.stream().anyMatch(audiences::contains)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult
			.failure(new OAuth2Error("invalid_token", "The token is not issued for this API", null));
	}

	/**
	 * Lets {@link RequiresRole} put its role into the {@code @PreAuthorize} expression.
	 */
	@Bean
	static AnnotationTemplateExpressionDefaults templateExpressionDefaults() {
		return new AnnotationTemplateExpressionDefaults();
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SecurityProperties properties,
			Problems problems) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), problems));
		// After correlation and audit (so a rejected body is audited), before
		// authentication (so nobody makes us buffer an oversized body).
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	private static AuthenticationEntryPoint problemEntryPoint(Problems problems) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, ex) -> {
			// Sets 401 and the RFC 6750 WWW-Authenticate challenge; the body is ours.
			bearer.commence(request, response, ex);
			boolean presented = request.getHeader("Authorization") != null;
			problems.write(ProblemType.UNAUTHORIZED, presented
					? "The bearer token is invalid, expired or not issued for this API" : "A bearer token is required",
					request, response);
		};
	}

	private static AccessDeniedHandler problemAccessDeniedHandler(Problems problems) {
		BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
		return (request, response, ex) -> {
			bearer.handle(request, response, ex);
			problems.write(ProblemType.FORBIDDEN, "The token does not carry a Warden role that permits this operation",
					request, response);
		};
	}

	// Swagger UI needs inline styles and data: images; its OAuth flow fetches tokens from
	// Entra.
	static String contentSecurityPolicy(SecurityProperties properties) {
		URI authority = properties.authorityHost();
		String origin = authority.getScheme() + "://" + authority.getAuthority();
		return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
				+ "font-src 'self' data:; connect-src 'self' " + origin + "; frame-ancestors 'none'; "
				+ "form-action 'self'; base-uri 'self'; object-src 'none'";
	}

	private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(origins);
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id", "traceparent"));
		cors.setExposedHeaders(List.of("X-Request-Id", "Location", "Retry-After"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

}
