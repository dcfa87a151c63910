package io.amlwarden.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as plain maps and lists: the simulator stores ARM payloads exactly as the specs
 * shape them.
 */
final class SimJson {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private SimJson() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parseObject(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return new LinkedHashMap<>();
		}
		return MAPPER.readValue(bytes, LinkedHashMap.class);
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> obj(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : new ArrayList<>();
	}

	static Object at(Object root, String... path) {
		Object current = root;
		for (String name : path) {
			Map<String, Object> map = obj(current);
			if (map == null) {
				return null;
			}
			Object next = map.get(name);
			if (next == null) {
				for (Map.Entry<String, Object> entry : map.entrySet()) {
					if (entry.getKey().equalsIgnoreCase(name)) {
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
		return (value != null) ? value.toString() : null;
	}

	/**
	 * A deep copy, so that callers never share the simulator's state.
	 */
	@SuppressWarnings("unchecked")
	static <T> T copy(T value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put((String) k, copy(v)));
			return (T) copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((v) -> copy.add(copy(v)));
			return (T) copy;
		}
		return value;
	}

	/**
	 * Merges a PATCH body into a resource (JSON merge patch semantics, keys matched
	 * ignoring case).
	 */
	static void merge(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			String existing = target.keySet().stream().filter((k) -> k.equalsIgnoreCase(key)).findFirst().orElse(key);
			if (value == null) {
				target.remove(existing);
			}
			else if (obj(value) != null && obj(target.get(existing)) != null) {
				merge(obj(target.get(existing)), obj(value));
			}
			else {
				target.put(existing, copy(value));
			}
		});
	}

	static Map<String, Object> map(Object... keyValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			if (keyValues[i + 1] != null) {
				map.put((String) keyValues[i], keyValues[i + 1]);
			}
		}
		return map;
	}

}
