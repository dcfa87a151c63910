package io.amlwarden.findings;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stored suppressions.
 */
interface SuppressionStore extends JpaRepository<Suppression, UUID> {

	Page<Suppression> findByStatus(SuppressionStatus status, Pageable pageable);

}
