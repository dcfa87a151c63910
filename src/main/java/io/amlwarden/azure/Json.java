package io.amlwarden.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;

/**
 * Reads untyped JSON (Resource Graph rows, raw ARM responses) as nested maps and lists.
 * Property names are matched ignoring case because Azure is inconsistent (e.g.
 * {@code keyvaultproperties}, {@code DisableLocalAuth}).
 */
final class Json {

	private Json() {
	}

	static Object parse(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try (JsonReader reader = JsonProviders.createReader(body)) {
			return reader.readUntyped();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	static List<Object> asList(Object value) {
		return (value instanceof List<?> list) ? new ArrayList<>(list) : List.of();
	}

	/**
	 * The value at a path of property names, or {@code null}.
	 */
	static Object at(Object root, String... path) {
		Object current = root;
		for (String name : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			Object next = map.get(name);
			if (next == null) {
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name)) {
						next = entry.getValue();
						break;
					}
				}
			}
			current = next;
		}
		return current;
	}

	static String str(Object root, String... path) {
		Object value = at(root, path);
		return (value == null) ? null : value.toString();
	}

	static Boolean bool(Object root, String... path) {
		Object value = at(root, path);
		if (value instanceof Boolean b) {
			return b;
		}
		return (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")))
				? Boolean.valueOf(s) : null;
	}

	static Integer integer(Object root, String... path) {
		Object value = at(root, path);
		if (value instanceof Number n) {
			return n.intValue();
		}
		try {
			return (value instanceof String s) ? Integer.valueOf(s.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static Map<String, Object> map(Object root, String... path) {
		return asMap(at(root, path));
	}

	static List<Object> list(Object root, String... path) {
		return asList(at(root, path));
	}

	static List<String> strings(Object root, String... path) {
		List<String> values = new ArrayList<>();
		for (Object item : list(root, path)) {
			if (item != null) {
				values.add(item.toString());
			}
		}
		return values;
	}

	static Map<String, String> stringMap(Object root, String... path) {
		Map<String, String> values = new LinkedHashMap<>();
		map(root, path).forEach((key, value) -> {
			if (value != null) {
				values.put(key, value.toString());
			}
		});
		return values;
	}

	/**
	 * An instant from an ISO-8601 string or Unix epoch seconds (Key Vault attributes).
	 */
	static Instant instant(Object root, String... path) {
		Object value = at(root, path);
		if (value instanceof Number n) {
			return Instant.ofEpochSecond(n.longValue());
		}
		if (value instanceof String s && !s.isBlank()) {
			try {
				return OffsetDateTime.parse(s).toInstant();
			}
			catch (DateTimeParseException ex) {
				try {
					return Instant.parse(s.endsWith("Z") ? s : s + "Z");
				}
				catch (DateTimeParseException ignored) {
					return null;
				}
			}
		}
		return null;
	}

	static Instant epochSeconds(Long seconds) {
		return (seconds != null) ? Instant.ofEpochSecond(seconds) : null;
	}

}
