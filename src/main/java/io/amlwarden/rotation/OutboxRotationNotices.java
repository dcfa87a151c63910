package io.amlwarden.rotation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.audit.AuditOutcome;
import io.amlwarden.audit.AuditRecord;
import io.amlwarden.audit.AuditTrail;
import io.amlwarden.notifications.Notifier;
import io.amlwarden.security.CallerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * {@link RotationNotices} through {@link Notifier} and {@link AuditTrail}.
 */
@Component
class OutboxRotationNotices implements RotationNotices {

	private final Notifier notifier;

	private final AuditTrail audit;

	private final Clock clock;

	private final CallerIdentity service;

	OutboxRotationNotices(Notifier notifier, AuditTrail audit, RotationProperties properties, Clock clock) {
		this.notifier = notifier;
		this.audit = audit;
		this.clock = clock;
		this.service = new CallerIdentity(properties.identity(), null, "AML Warden key rotation", List.of());
	}

	@Override
	public void publish(String type, @Nullable String subject, Map<String, ?> data) {
		this.notifier.publish(type, subject, data);
	}

	@Override
	public void audit(String action, String target, boolean success) {
		this.audit.append(new AuditRecord(this.clock.instant(), this.service, "JOB", action, target,
				success ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, 0, UUID.randomUUID().toString(), null));
	}

}
