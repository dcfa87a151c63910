/**
 * Read models for portals and Ops: the tenant overview, answered from the database alone
 * (no Azure call) with the same definitions as the list endpoints it summarises, and the
 * static Ops dashboard page ({@code /dashboard}) that draws it with the user's own token.
 */
@NullMarked
package io.amlwarden.overview;

import org.jspecify.annotations.NullMarked;
