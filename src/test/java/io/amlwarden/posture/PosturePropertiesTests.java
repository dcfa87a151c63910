package io.amlwarden.posture;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PosturePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void defaultsToBaselineWithDocumentedKeyThresholds() {
		this.runner.run((context) -> {
			PostureProperties properties = context.getBean(PostureProperties.class);
			assertThat(properties.defaultProfile()).isEqualTo(Profile.BASELINE);
			assertThat(properties.profileFor("any")).isEqualTo(Profile.BASELINE);
			assertThat(properties.keys()).isEqualTo(PostureProperties.Keys.defaults());
			assertThat(PostureProperties.defaults()).isEqualTo(properties);
		});
	}

	@Test
	void bindsPerSubscriptionProfilesIgnoringCase() {
		this.runner
			.withPropertyValues("warden.posture.default-profile=regulated",
					"warden.posture.subscription-profiles[AAAAAAAA-0000-4000-8000-000000000001]=baseline",
					"warden.posture.keys.rotation-period=90d", "warden.posture.keys.minimum-rsa-key-size=3072")
			.run((context) -> {
				PostureProperties properties = context.getBean(PostureProperties.class);
				assertThat(properties.defaultProfile()).isEqualTo(Profile.REGULATED);
				assertThat(properties.profileFor("aaaaaaaa-0000-4000-8000-000000000001")).isEqualTo(Profile.BASELINE);
				assertThat(properties.profileFor("bbbbbbbb-0000-4000-8000-000000000001")).isEqualTo(Profile.REGULATED);
				assertThat(properties.keys().rotationPeriod()).isEqualTo(Duration.ofDays(90));
				assertThat(properties.keys().minimumRsaKeySize()).isEqualTo(3072);
				assertThat(properties.keys().maxValidity()).isEqualTo(Duration.ofDays(730));
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PostureProperties.class)
	static class Config {

	}

}
