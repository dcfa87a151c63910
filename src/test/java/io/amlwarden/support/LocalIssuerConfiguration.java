package io.amlwarden.support;

import java.util.HashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service's token validation at the JVM's shared {@link LocalTokenIssuer}. The
 * properties go in through an initializer, before any bean exists, because the servlet
 * filters that read them are created while the web server starts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalIssuerConfiguration {

	// destroyMethod "": the issuer is shared by every context of the JVM; a context
	// closed early (@DirtiesContext) must not stop it for the others.
	@Bean(destroyMethod = "")
	LocalTokenIssuer localTokenIssuer() {
		return LocalTokenIssuer.shared();
	}

	/**
	 * Adds the issuer's properties to the environment.
	 */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("localTokenIssuer",
						new HashMap<>(LocalTokenIssuer.shared().properties())));
		}

	}

}
