package io.amlwarden.api;

/**
 * A representation whose entity tag covers only part of it: fields derived from the clock
 * at answer time (when it was generated, ages in seconds) would otherwise change the tag
 * on every request and make {@code If-None-Match} useless.
 */
public interface ETagSource {

	/**
	 * What the tag is computed from.
	 * @return the representation without its clock-derived fields
	 */
	Object etagSource();

}
