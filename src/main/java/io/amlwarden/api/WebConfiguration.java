package io.amlwarden.api;

import java.util.Locale;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Web conventions shared by every controller.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/**
	 * Query and path enums are matched ignoring case and dashes ({@code format=csv},
	 * {@code sort=last-seen}); an unknown value still fails with a 400 problem.
	 */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverterFactory(new LenientEnumConverterFactory());
	}

	/**
	 * Requests Tomcat refuses before Spring sees them are answered with a problem too.
	 */
	@Bean
	TomcatContextCustomizer problemErrorReportValve() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final class LenientEnumConverterFactory implements ConverterFactory<String, Enum> {

		@Override
		public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
			return (source) -> {
				String name = source.trim().toUpperCase(Locale.ROOT).replace('-', '_');
				if (name.isEmpty()) {
					return null;
				}
				return (T) Enum.valueOf(targetType, name);
			};
		}

	}

}
