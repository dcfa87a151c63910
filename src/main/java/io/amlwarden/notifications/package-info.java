/**
 * Webhook notifications: events (CloudEvents 1.0, structured JSON) are written to an
 * outbox in the same transaction as the change that caused them, then delivered at least
 * once to each configured endpoint, signed with HMAC-SHA256, retried with capped
 * exponential backoff, and kept as a delivery log. Other modules call
 * {@link io.amlwarden.notifications.Notifier}.
 */
@NullMarked
package io.amlwarden.notifications;

import org.jspecify.annotations.NullMarked;
