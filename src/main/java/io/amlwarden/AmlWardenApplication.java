package io.amlwarden;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * AML Warden: a security control plane for Azure Machine Learning workspaces.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AmlWardenApplication {

	public static void main(String[] args) {
		SpringApplication.run(AmlWardenApplication.class, args);
	}

	/**
	 * The one source of "now", so that time-dependent logic is testable with a fixed
	 * clock.
	 * @return the UTC system clock
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
