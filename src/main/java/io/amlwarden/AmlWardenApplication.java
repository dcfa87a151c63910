package io.amlwarden;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * AML Warden: a security control plane for Azure Machine Learning workspaces.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AmlWardenApplication {

	public static void main(String[] args) {
		SpringApplication.run(AmlWardenApplication.class, args);
	}

}
