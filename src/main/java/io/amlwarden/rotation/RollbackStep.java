package io.amlwarden.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.amlwarden.azure.AzureCallException;
import io.amlwarden.rotation.Rotation.Status;
import io.amlwarden.rotation.RotationStore.DependentRow;
import io.amlwarden.rotation.RotationStore.DependentState;

import org.springframework.stereotype.Component;

/**
 * Step {@code ROLLING_BACK}: points every dependent AML Warden changed back at the
 * previous version. Dependents that follow the latest version on their own keep the new
 * one, which stays enabled in Key Vault.
 */
@Component
class RollbackStep implements RotationStep {

	private final RotationStore store;

	private final DependentUpdates updates;

	private final RotationRecorder recorder;

	RollbackStep(RotationStore store, DependentUpdates updates, RotationRecorder recorder) {
		this.store = store;
		this.updates = updates;
		this.recorder = recorder;
	}

	@Override
	public Rotation run(Rotation r, UUID token) {
		String fromKid = KeyCreationStep.required(r.key().fromKid());
		String fromVersion = KeyCreationStep.required(r.key().fromVersion());
		List<String> problems = new ArrayList<>();
		for (DependentRow dependent : this.store.dependents(r.id())) {
			if (dependent.action() != PlanView.DependentAction.UPDATE
					|| dependent.state() == DependentState.ROLLED_BACK) {
				continue;
			}
			this.recorder.renew(r, token);
			try {
				List<String> requestIds = this.updates.point(r, dependent, fromVersion, fromKid);
				Instant now = this.recorder.now();
				this.recorder.inTx(() -> {
					this.store.updateDependent(r.id(), dependent.resourceKey(), DependentState.ROLLED_BACK, fromKid,
							now, null, now);
					this.recorder.event(r, "DEPENDENT_ROLLED_BACK", null, null, "back on version " + fromVersion,
							dependent.resourceId(), requestIds);
					return r;
				});
			}
			catch (AzureCallException ex) {
				if (ex.kind() != AzureCallException.Kind.PERMANENT) {
					throw ex;
				}
				problems.add(dependent.resourceId() + " (" + ex.getMessage() + ")");
			}
			catch (DependentUpdates.VerificationFailed ex) {
				problems.add(dependent.resourceId() + " (" + ex.getMessage() + ")");
			}
		}
		if (!problems.isEmpty()) {
			return this.recorder.finish(r, token, Status.FAILED, "rollback failed for " + String.join("; ", problems),
					"ROLLBACK_FAILED");
		}
		return this.recorder.finish(r, token, Status.ROLLED_BACK, "dependents point at version " + fromVersion
				+ " again; dependents that follow the latest version keep the new one", "ROLLED_BACK");
	}

}
