package io.amlwarden.rotation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One step of a rotation, run by a worker holding the rotation's lease. A step records
 * what it did (fenced by the lease token) before it returns, so that a worker resuming
 * the rotation after a crash starts from the recorded step.
 */
interface RotationStep {

	/**
	 * Runs the step and records it.
	 * @param r the rotation at this step
	 * @param token the claim's lease token
	 * @return the rotation after the step, or {@code null} when it must wait
	 */
	@Nullable Rotation run(Rotation r, UUID token);

}
