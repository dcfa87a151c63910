package io.amlwarden.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose JSON answer carries a strong {@code ETag} (a digest of the
 * representation, see {@link ETags}); a {@code GET} whose {@code If-None-Match} names it
 * is answered {@code 304 Not Modified} without a body.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StrongETag {

}
