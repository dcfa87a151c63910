package io.amlwarden.rotation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the rotation module reports what happened: CloudEvents through the notifications
 * outbox (inside the caller's transaction, so an event exists exactly when the change was
 * committed) and the audit trail.
 */
interface RotationNotices {

	/**
	 * Publishes an event, e.g. {@code rotation.succeeded}.
	 * @param type event type without the {@code io.amlwarden.} prefix
	 * @param subject what it is about (a rotation id or a key id)
	 * @param data the body; never key material
	 */
	void publish(String type, @Nullable String subject, Map<String, ?> data);

	/**
	 * Records work the service did on its own in the audit trail.
	 * @param action e.g. {@code rotation.verified}
	 * @param target e.g. {@code /api/v1/rotations/{id}}
	 * @param success whether it succeeded
	 */
	void audit(String action, String target, boolean success);

}
