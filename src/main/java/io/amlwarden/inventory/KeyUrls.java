package io.amlwarden.inventory;

import java.net.URI;
import java.util.Locale;

/**
 * Parses Key Vault key URLs of the form
 * {@code https://<vault-host>/keys/<name>[/<version>]}.
 */
public final class KeyUrls {

	private KeyUrls() {
	}

	/**
	 * The vault base URL ({@code https://host}) lower-cased, or {@code null}.
	 */
	public static String vaultUrl(String keyUrl) {
		URI uri = parse(keyUrl);
		return (uri != null && uri.getHost() != null)
				? (uri.getScheme() + "://" + uri.getHost()).toLowerCase(Locale.ROOT) : null;
	}

	public static String name(String keyUrl) {
		String[] parts = segments(keyUrl);
		return (parts.length >= 2 && parts[0].equalsIgnoreCase("keys")) ? parts[1] : null;
	}

	public static String version(String keyUrl) {
		String[] parts = segments(keyUrl);
		return (parts.length >= 3 && parts[0].equalsIgnoreCase("keys") && !parts[2].isEmpty()) ? parts[2] : null;
	}

	private static String[] segments(String keyUrl) {
		URI uri = parse(keyUrl);
		if (uri == null || uri.getPath() == null) {
			return new String[0];
		}
		String path = uri.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
		return path.isEmpty() ? new String[0] : path.split("/");
	}

	private static URI parse(String keyUrl) {
		if (keyUrl == null || keyUrl.isBlank()) {
			return null;
		}
		try {
			return URI.create(keyUrl.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
