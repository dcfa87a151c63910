package io.amlwarden.posture.checks;

import java.time.Duration;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.KeySpec;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureProperties;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class KvKeyExpiresSoonCheckTests {

	private final KvKeyExpiresSoonCheck check = new KvKeyExpiresSoonCheck(PostureProperties.defaults());

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenExpiryIsBeyondTheWindow() {
		this.ws.key.expires = PostureFixture.NOW.plus(Duration.ofDays(31));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWithinTheDefaultThirtyDayWindow() {
		this.ws.key.expires = PostureFixture.NOW.plus(Duration.ofDays(10));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("expires in 10 days");
	}

	@Test
	void failsWhenAlreadyExpired() {
		this.ws.key.expires = PostureFixture.NOW.minus(Duration.ofDays(1));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("expired");
	}

	@Test
	void theWindowIsConfigurable() {
		PostureProperties.Keys keys = new PostureProperties.Keys(Duration.ofDays(365), Duration.ofDays(1),
				Duration.ofDays(730), 2048, Duration.ofDays(5));
		KvKeyExpiresSoonCheck narrow = new KvKeyExpiresSoonCheck(new PostureProperties(
				PostureProperties.defaults().defaultProfile(), null, keys, PostureProperties.Scans.defaults()));
		this.ws.key.expires = PostureFixture.NOW.plus(Duration.ofDays(10));
		assertThat(this.fixture.result(narrow, this.ws.key.id()).status()).isEqualTo(PASS);
	}

	@Test
	void keysWithoutExpiryOrNotUsedAsCmkAreNotApplicable() {
		KeySpec other = this.fixture.key(this.ws.vault, "signing");
		other.expires = PostureFixture.NOW.plus(Duration.ofDays(1));
		assertThat(this.fixture.result(this.check, other.id()).status()).isEqualTo(NOT_APPLICABLE);
		this.ws.key.expires = null;
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(NOT_APPLICABLE);
		assertThat(result.detail()).contains("kv-key-expiry-set");
	}

	@Test
	void deniedKeyListingIsUnknown() {
		this.fixture.failKeys(this.ws.vault);
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(UNKNOWN);
	}

}
