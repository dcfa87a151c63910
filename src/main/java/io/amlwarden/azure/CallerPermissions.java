package io.amlwarden.azure;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the service's own identity may do on one resource, as ARM's {@code GET
 * {scope}/providers/Microsoft.Authorization/permissions} reports it: a list of permission
 * entries, each allowing its {@code actions} (and {@code dataActions}) except its
 * {@code notActions} (and {@code notDataActions}). Patterns may hold {@code *} wildcards
 * and compare without case, as in role definitions.
 *
 * @param resourceId the scope that was asked about
 * @param entries the entries ARM returned
 */
public record CallerPermissions(String resourceId, List<Entry> entries) {

	public CallerPermissions {
		entries = List.copyOf(entries);
	}

	/**
	 * Whether a control-plane action, e.g.
	 * {@code Microsoft.MachineLearningServices/workspaces/write}, is allowed.
	 */
	public boolean allowsAction(String action) {
		return this.entries.stream()
			.anyMatch((e) -> matchesAny(e.actions(), action) && !matchesAny(e.notActions(), action));
	}

	/**
	 * Whether a data action, e.g. {@code Microsoft.KeyVault/vaults/keys/rotate/action},
	 * is allowed.
	 */
	public boolean allowsDataAction(String action) {
		return this.entries.stream()
			.anyMatch((e) -> matchesAny(e.dataActions(), action) && !matchesAny(e.notDataActions(), action));
	}

	private static boolean matchesAny(List<String> patterns, String action) {
		for (String pattern : patterns) {
			if (matches(pattern, action)) {
				return true;
			}
		}
		return false;
	}

	static boolean matches(String pattern, String action) {
		String[] parts = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			if (!parts[i].isEmpty()) {
				regex.append(Pattern.quote(parts[i]));
			}
		}
		return Pattern.matches(regex.toString(), action.toLowerCase(Locale.ROOT));
	}

	/**
	 * One permission entry.
	 *
	 * @param actions allowed control-plane actions
	 * @param notActions control-plane actions taken out of {@code actions}
	 * @param dataActions allowed data actions
	 * @param notDataActions data actions taken out of {@code dataActions}
	 */
	public record Entry(List<String> actions, List<String> notActions, List<String> dataActions,
			List<String> notDataActions) {

		public Entry {
			actions = List.copyOf(actions);
			notActions = List.copyOf(notActions);
			dataActions = List.copyOf(dataActions);
			notDataActions = List.copyOf(notDataActions);
		}

	}

}
