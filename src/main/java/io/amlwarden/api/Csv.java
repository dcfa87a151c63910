package io.amlwarden.api;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells for every export.
 */
public final class Csv {

	private Csv() {
	}

	/**
	 * One CSV cell: quoted when needed, and defused when it would start a spreadsheet
	 * formula (resource names and tags come from Azure and may be chosen by anyone with
	 * write access).
	 * @param value the value, or {@code null} for an empty cell
	 * @return the cell text
	 */
	public static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
