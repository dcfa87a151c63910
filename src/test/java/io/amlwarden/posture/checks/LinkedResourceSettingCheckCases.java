package io.amlwarden.posture.checks;

import java.util.function.BiConsumer;
import java.util.function.Function;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.CheckStatus;
import io.amlwarden.posture.PostureCheck;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of a check on a resource linked to the workspace (registry, Application
 * Insights) that reads one setting: the fixture's resource is compliant, the given value
 * fails, an absent setting is judged by the service default, and a denied read is
 * unknown. Each {@code Acr…}/{@code Appi…CheckTests} names its check, the resource, the
 * setting, the failing value and the default's status.
 *
 * @param <S> the fixture's spec of the resource
 * @param <T> the setting's type
 */
abstract class LinkedResourceSettingCheckCases<S, T> {

	final PostureCheck check;

	final PostureFixture fixture = PostureFixture.create();

	final WorkspaceSpec ws = this.fixture.workspace("ws");

	private final S resource;

	private final String resourceId;

	private final BiConsumer<S, T> setting;

	private final T nonCompliant;

	private final CheckStatus whenAbsent;

	LinkedResourceSettingCheckCases(PostureCheck check, Function<WorkspaceSpec, S> resource, Function<S, String> id,
			BiConsumer<S, T> setting, T nonCompliant, CheckStatus whenAbsent) {
		this.check = check;
		this.resource = resource.apply(this.ws);
		this.resourceId = id.apply(this.resource);
		this.setting = setting;
		this.nonCompliant = nonCompliant;
		this.whenAbsent = whenAbsent;
	}

	@Test
	void passesWhenCompliant() {
		CheckResult result = this.fixture.result(this.check, this.resourceId);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenNonCompliant() {
		this.setting.accept(this.resource, this.nonCompliant);
		assertThat(this.fixture.result(this.check, this.resourceId).status()).isEqualTo(FAIL);
	}

	@Test
	void absentIsJudgedByTheServiceDefault() {
		this.setting.accept(this.resource, null);
		CheckResult result = this.fixture.result(this.check, this.resourceId);
		assertThat(result.status()).isEqualTo(this.whenAbsent);
		assertThat(result.evidence().observed()).contains("absent");
	}

	@Test
	void deniedResourceIsUnknown() {
		this.fixture.deny(this.resourceId, ReadFailure.Reason.FORBIDDEN);
		assertThat(this.fixture.result(this.check, this.resourceId).status()).isEqualTo(UNKNOWN);
	}

}
