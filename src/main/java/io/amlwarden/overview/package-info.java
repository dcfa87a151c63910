/**
 * Read models for portals and Ops: the tenant overview, trends, and the static Ops
 * dashboard page ({@code /dashboard}) that draws them with the user's own token. Answers
 * from the database only; never calls Azure.
 */
@NullMarked
package io.amlwarden.overview;

import org.jspecify.annotations.NullMarked;
