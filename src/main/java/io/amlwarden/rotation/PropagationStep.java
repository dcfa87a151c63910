package io.amlwarden.rotation;

import java.util.List;
import java.util.UUID;

import io.amlwarden.azure.AzureCallException;
import io.amlwarden.rotation.RotationStore.DependentRow;
import io.amlwarden.rotation.RotationStore.DependentState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step {@code PROPAGATING}: updates and verifies every dependent AML Warden changes, one
 * at a time with the lease renewed before each, then hands over to
 * {@link VerificationStep} for the dependents that follow on their own. A dependent that
 * Azure refuses for good, or that does not report the new version, is recorded as failed;
 * a throttled or deferrable refusal stops the step so that the whole rotation retries.
 */
@Component
class PropagationStep implements RotationStep {

	private final RotationStore store;

	private final DependentUpdates updates;

	private final VerificationStep verification;

	private final RotationRecorder recorder;

	PropagationStep(RotationStore store, DependentUpdates updates, VerificationStep verification,
			RotationRecorder recorder) {
		this.store = store;
		this.updates = updates;
		this.verification = verification;
		this.recorder = recorder;
	}

	@Override
	public @Nullable Rotation run(Rotation r, UUID token) {
		String toKid = KeyCreationStep.required(r.key().toKid());
		String toVersion = KeyCreationStep.required(r.key().toVersion());
		for (DependentRow dependent : this.store.dependents(r.id())) {
			if (dependent.state() != DependentState.PENDING || dependent.action() != PlanView.DependentAction.UPDATE) {
				continue;
			}
			this.recorder.renew(r, token);
			try {
				List<String> requestIds = this.updates.point(r, dependent, toVersion, toKid);
				this.verification.verified(r, token, dependent, toKid, requestIds);
			}
			catch (AzureCallException ex) {
				if (ex.kind() != AzureCallException.Kind.PERMANENT) {
					throw ex;
				}
				failed(r, token, dependent, ex.getMessage(), ex.requestIds());
			}
			catch (DependentUpdates.VerificationFailed ex) {
				failed(r, token, dependent, ex.getMessage(), ex.requestIds());
			}
		}
		return this.verification.run(r, token);
	}

	private void failed(Rotation r, UUID token, DependentRow dependent, @Nullable String error,
			List<String> requestIds) {
		this.recorder.dependent(r, token, dependent, DependentState.FAILED, null, error, "DEPENDENT_FAILED", error,
				requestIds);
	}

}
