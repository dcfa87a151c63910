package io.amlwarden.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes objects of one {@code helm template} run, parsed (multi-document YAML)
 * into plain maps.
 */
final class RenderedManifests {

	private final String raw;

	private final List<Map<String, Object>> objects;

	private RenderedManifests(String raw, List<Map<String, Object>> objects) {
		this.raw = raw;
		this.objects = objects;
	}

	@SuppressWarnings("unchecked")
	static RenderedManifests parse(String raw) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : yaml.loadAll(raw)) {
			if (document == null) {
				continue;
			}
			if (!(document instanceof Map)) {
				throw new IllegalStateException("rendered document is not a mapping: " + document);
			}
			objects.add((Map<String, Object>) document);
		}
		return new RenderedManifests(raw, List.copyOf(objects));
	}

	String raw() {
		return this.raw;
	}

	List<Map<String, Object>> all() {
		return this.objects;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.objects.stream().filter((o) -> kind.equals(o.get("kind"))).collect(Collectors.toList());
	}

	Map<String, Object> single(String kind) {
		List<Map<String, Object>> found = ofKind(kind);
		if (found.size() != 1) {
			throw new AssertionError(
					"expected exactly one " + kind + " but found " + found.size() + " in:\n" + this.raw);
		}
		return found.get(0);
	}

	/** Navigates nested maps by keys; {@code null} when a key is missing. */
	@SuppressWarnings("unchecked")
	static Object at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map)) {
				return null;
			}
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, String... path) {
		Object value = at(node, path);
		return (value instanceof Map) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object node, String... path) {
		Object value = at(node, path);
		return (value instanceof List) ? (List<Map<String, Object>>) value : List.of();
	}

	static String string(Object node, String... path) {
		Object value = at(node, path);
		return (value != null) ? value.toString() : null;
	}

	static String name(Map<String, Object> object) {
		return Objects.toString(at(object, "metadata", "name"), null);
	}

}
