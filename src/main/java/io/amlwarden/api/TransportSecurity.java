package io.amlwarden.api;

import java.net.URI;

/**
 * The one rule for URLs the service sends credentials or signed data to (token issuers,
 * webhook receivers): TLS, or plain HTTP only on the loopback interface of a developer's
 * machine.
 */
public final class TransportSecurity {

	private TransportSecurity() {
	}

	/**
	 * Whether a URL may be used.
	 * @param url the URL
	 * @return true for https, or http to localhost, 127.0.0.1 or [::1]
	 */
	public static boolean isTlsOrLoopback(URI url) {
		if ("https".equalsIgnoreCase(url.getScheme())) {
			return true;
		}
		String host = url.getHost();
		return "http".equalsIgnoreCase(url.getScheme())
				&& ("localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
	}

}
