package io.amlwarden.posture.checks;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.ReadResult;
import org.jspecify.annotations.Nullable;

/**
 * Judges diagnostic settings. A setting counts when it has a destination (Log Analytics,
 * storage or Event Hub) and an enabled log entry the check accepts: an explicit category
 * or a category group ({@code audit} or {@code allLogs}, compared ignoring case). Anchors
 * that only looked for one of the two forms missed compliant resources.
 */
final class Diagnostics {

	static final String PATH = "diagnosticSettings[*].logs[?enabled]";

	private static final Set<String> AUDIT_GROUPS = Set.of("audit", "alllogs");

	private Diagnostics() {
	}

	/**
	 * Accepts a log entry by category group audit/allLogs or by one of the categories.
	 * @param categories accepted explicit categories (any case); empty accepts any
	 * category
	 * @return the predicate
	 */
	static Predicate<DiagnosticSetting.Log> auditGroupOr(Set<String> categories) {
		Set<String> lower = categories.stream()
			.map((c) -> c.toLowerCase(Locale.ROOT))
			.collect(java.util.stream.Collectors.toSet());
		return (log) -> {
			if (!log.enabled()) {
				return false;
			}
			if (log.categoryGroup() != null && AUDIT_GROUPS.contains(log.categoryGroup().toLowerCase(Locale.ROOT))) {
				return true;
			}
			return log.category() != null
					&& (lower.isEmpty() || lower.contains(log.category().toLowerCase(Locale.ROOT)));
		};
	}

	/**
	 * Judges the settings of one resource.
	 * @param settings the settings as read
	 * @param accepts which log entries count
	 * @param expected the compliant condition in words
	 * @param what the resource, for details
	 * @return the verdict
	 */
	static Verdict judge(ReadResult<List<DiagnosticSetting>> settings, Predicate<DiagnosticSetting.Log> accepts,
			String expected, String what) {
		if (!settings.isKnown()) {
			return Verdict.unreadable(PATH, expected, "the diagnostic settings of the " + what, settings.failure());
		}
		List<DiagnosticSetting> list = settings.orElse(List.of());
		for (DiagnosticSetting setting : list) {
			if (setting.hasDestination()) {
				for (DiagnosticSetting.Log log : setting.logs()) {
					if (accepts.test(log)) {
						return Verdict.pass(PATH, describe(setting.name(), log), expected,
								"Diagnostic setting '" + setting.name() + "' sends " + describe(null, log));
					}
				}
			}
		}
		String observed = list.isEmpty() ? "no diagnostic settings" : list.size() + " setting(s) without such a log";
		return Verdict.fail(PATH, observed, expected, "No diagnostic setting of the " + what + " sends " + expected);
	}

	private static String describe(@Nullable String setting, DiagnosticSetting.Log log) {
		String entry = (log.categoryGroup() != null) ? "categoryGroup " + log.categoryGroup()
				: "category " + log.category();
		return (setting != null) ? setting + ": " + entry : entry;
	}

}
