/**
 * The append-only audit trail: every mutating API request and every authentication or
 * authorization failure, whatever its outcome, plus actions the service takes on its own.
 * Rows are never updated or deleted by the service (the database refuses it too).
 */
@NullMarked
package io.amlwarden.audit;

import org.jspecify.annotations.NullMarked;
