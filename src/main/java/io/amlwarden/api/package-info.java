/**
 * Cross-cutting web concerns only: RFC 9457 problem details (the single place that turns
 * failures into responses), correlation ids, paging and the OpenAPI document's frame.
 * Holds no feature logic; every feature module may depend on it.
 */
@NullMarked
package io.amlwarden.api;

import org.jspecify.annotations.NullMarked;
