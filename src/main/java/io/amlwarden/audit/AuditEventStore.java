package io.amlwarden.audit;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/**
 * The stored audit trail. Deliberately offers no update or delete.
 */
interface AuditEventStore extends Repository<AuditEvent, Long>, JpaSpecificationExecutor<AuditEvent> {

	AuditEvent save(AuditEvent event);

}
