package io.amlwarden.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The local launcher's convenience for the dashboard: serves a reader token at
 * {@code /dashboard/launcher-token.json}, which the page uses to pre-fill its "paste
 * token" box. Test code only (the launcher and the test contexts), never in the jar: the
 * packaged service has no such file and the page then just leaves the box empty.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DashboardTokenPrefill {

	/** Where the dashboard looks for the launcher's token. */
	public static final String PATH = "/dashboard/launcher-token.json";

	/**
	 * For the test contexts: a reader token of the shared local issuer.
	 * @param issuer the issuer the context trusts
	 * @return the filter serving it
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> dashboardTokenPrefill(LocalTokenIssuer issuer) {
		return registration(issuer.token("local-reader", "Warden.Reader"));
	}

	/**
	 * A filter serving the given token to the dashboard.
	 * @param readerToken the launcher's reader token
	 * @return its registration
	 */
	public static FilterRegistrationBean<OncePerRequestFilter> registration(String readerToken) {
		byte[] body = JsonMapper.builder()
			.build()
			.writeValueAsString(Map.of("token", readerToken))
			.getBytes(StandardCharsets.UTF_8);
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !"GET".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				response.setContentType("application/json");
				response.setHeader("Cache-Control", "no-store");
				response.getOutputStream().write(body);
			}

		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(PATH);
		return registration;
	}

}
