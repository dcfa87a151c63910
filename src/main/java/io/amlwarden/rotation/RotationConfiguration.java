package io.amlwarden.rotation;

import java.time.Clock;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.scans.InventoryStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the rotation module that are not plain components.
 */
@Configuration(proxyBeanMethods = false)
class RotationConfiguration {

	@Bean
	RotationInventory rotationInventory(InventoryCollector collector, InventoryStore store,
			RotationProperties properties, Clock clock) {
		return new RotationInventory(collector::collect, store::keyUsers, properties.inventoryMaxAge(), clock);
	}

}
