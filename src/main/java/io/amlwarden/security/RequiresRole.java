package io.amlwarden.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The Warden role an endpoint requires. Every {@code /api} operation carries one; the
 * OpenAPI document lists it per operation and the authorization matrix test reads it from
 * there.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('{value}')")
public @interface RequiresRole {

	/**
	 * The least role that may call the endpoint (roles that imply it may call it too).
	 * @return the role
	 */
	WardenRole value();

}
