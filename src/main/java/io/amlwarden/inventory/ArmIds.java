package io.amlwarden.inventory;

import java.util.Locale;

/**
 * Helpers for ARM resource ids. Azure echoes ids in varying case (for example
 * {@code /resourcegroups/} and {@code microsoft.network}), so ids are compared by their
 * lower-cased form everywhere.
 */
public final class ArmIds {

	private ArmIds() {
	}

	/**
	 * The comparison key of an id: lower-cased, without a trailing slash.
	 * @param id an ARM id, may be {@code null}
	 * @return the key, or {@code null} for a {@code null} or blank id
	 */
	public static String key(String id) {
		if (id == null || id.isBlank()) {
			return null;
		}
		String trimmed = id.trim();
		if (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.toLowerCase(Locale.ROOT);
	}

	public static boolean same(String a, String b) {
		String ka = key(a);
		return ka != null && ka.equals(key(b));
	}

	/**
	 * The subscription id of an ARM id, lower-cased, or {@code null}.
	 */
	public static String subscriptionOf(String id) {
		return segmentAfter(id, "subscriptions");
	}

	/**
	 * The resource group of an ARM id, lower-cased, or {@code null}.
	 */
	public static String resourceGroupOf(String id) {
		return segmentAfter(id, "resourcegroups");
	}

	/**
	 * The last segment of an id, as given (not lower-cased).
	 */
	public static String nameOf(String id) {
		if (id == null) {
			return null;
		}
		String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	/**
	 * The value that follows a segment name, e.g. the vault name after {@code vaults}.
	 */
	public static String segmentAfter(String id, String segment) {
		String key = key(id);
		if (key == null) {
			return null;
		}
		String[] parts = key.split("/");
		for (int i = 0; i < parts.length - 1; i++) {
			if (parts[i].equals(segment)) {
				return parts[i + 1];
			}
		}
		return null;
	}

	/**
	 * The GUID at the end of a role definition id; ARM returns these both
	 * subscription-prefixed and bare ({@code /providers/...}).
	 */
	public static String roleDefinitionGuid(String roleDefinitionId) {
		String name = nameOf(roleDefinitionId);
		return (name != null) ? name.toLowerCase(Locale.ROOT) : null;
	}

}
