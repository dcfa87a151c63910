package io.amlwarden.posture.checks;

import java.util.function.BiConsumer;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.CheckStatus;
import io.amlwarden.posture.PostureCheck;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.StorageSpec;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of a storage-account check that reads one setting: the fixture's account is
 * compliant, the given value fails with that value as evidence, an absent setting is
 * judged by the service default, and a denied read is unknown. Each {@code St…CheckTests}
 * names its check, the setting, the failing value and the default's status.
 *
 * @param <T> the setting's type
 */
abstract class StorageSettingCheckCases<T> {

	final PostureCheck check;

	final PostureFixture fixture = PostureFixture.create();

	final WorkspaceSpec ws = this.fixture.workspace("ws");

	private final BiConsumer<StorageSpec, T> setting;

	private final T nonCompliant;

	private final CheckStatus whenAbsent;

	StorageSettingCheckCases(PostureCheck check, BiConsumer<StorageSpec, T> setting, T nonCompliant,
			CheckStatus whenAbsent) {
		this.check = check;
		this.setting = setting;
		this.nonCompliant = nonCompliant;
		this.whenAbsent = whenAbsent;
	}

	@Test
	void passesWhenCompliant() {
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenNonCompliant() {
		this.setting.accept(this.ws.storage, this.nonCompliant);
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo(String.valueOf(this.nonCompliant));
	}

	@Test
	void absentIsJudgedByTheServiceDefault() {
		this.setting.accept(this.ws.storage, null);
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(this.whenAbsent);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedAccountIsUnknown() {
		this.fixture.deny(this.ws.storage.id, ReadFailure.Reason.FORBIDDEN);
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

}
