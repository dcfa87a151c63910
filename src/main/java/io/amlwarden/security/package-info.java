/**
 * Authentication and authorization: validates Entra ID access tokens (signature through
 * the tenant's JWKS, issuer, audience, lifetime), maps the {@code roles} claim onto the
 * four Warden roles, and answers 401/403 as RFC 9457 problem details. The one place to
 * review who may do what.
 */
@NullMarked
package io.amlwarden.security;

import org.jspecify.annotations.NullMarked;
