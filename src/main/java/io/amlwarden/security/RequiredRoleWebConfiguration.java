package io.amlwarden.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers {@link RequiredRoleInterceptor} for the API.
 */
@Configuration(proxyBeanMethods = false)
class RequiredRoleWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RequiredRoleInterceptor()).addPathPatterns("/api/**");
	}

}
