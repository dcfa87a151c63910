package io.amlwarden.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The few JDBC conversions every store repeats: escaping user text for a {@code LIKE}
 * pattern and mapping nullable timestamp columns. Kept in one place so a fix (for example
 * to the escape character) reaches every query at once.
 */
public final class SqlValues {

	private SqlValues() {
	}

	/**
	 * Escapes {@code \}, {@code %} and {@code _} so that user text matches literally in a
	 * {@code LIKE} pattern written with {@code ESCAPE '\'} (PostgreSQL's default escape
	 * character).
	 * @param value literal text
	 * @return the text with the pattern characters escaped
	 */
	public static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A nullable timestamp as an instant.
	 * @param timestamp a JDBC timestamp or {@code null}
	 * @return the instant, or {@code null}
	 */
	public static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A nullable timestamp column as an instant.
	 * @param rs the current row
	 * @param column the column label
	 * @return the instant, or {@code null} when the column is SQL NULL
	 * @throws SQLException when the column cannot be read
	 */
	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		return instant(rs.getTimestamp(column));
	}

	/**
	 * A nullable instant as a JDBC timestamp parameter.
	 * @param instant an instant or {@code null}
	 * @return the timestamp, or {@code null}
	 */
	public static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
