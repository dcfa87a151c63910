package io.amlwarden.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Fingerprints of findings. ARM ids are case-insensitive, so everything is lower-cased
 * first: the same resource reported as {@code /subscriptions/ABC/...} and
 * {@code /subscriptions/abc/...} is one finding.
 */
final class Fingerprints {

	private Fingerprints() {
	}

	static String of(String checkId, String resourceId, @Nullable String discriminator) {
		String canonical = checkId.toLowerCase(Locale.ROOT) + '|' + resourceId.toLowerCase(Locale.ROOT) + '|'
				+ ((discriminator != null) ? discriminator.toLowerCase(Locale.ROOT) : "");
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
