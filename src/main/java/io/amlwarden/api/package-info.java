/**
 * Cross-cutting concerns only: RFC 9457 problem details (the single place that turns
 * failures into responses), correlation ids, paging, the OpenAPI document's frame and the
 * JDBC value conversions every store shares ({@link io.amlwarden.api.SqlValues}). Holds
 * no feature logic; every feature module may depend on it.
 */
@NullMarked
package io.amlwarden.api;

import org.jspecify.annotations.NullMarked;
