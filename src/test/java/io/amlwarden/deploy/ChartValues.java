package io.amlwarden.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The values a render used, computed the way Helm coalesces them: the chart's
 * {@code values.yaml} deep-merged with each values file in order. Tests read their
 * expectations (image, identity, ...) from here rather than hard-coding them.
 */
final class ChartValues {

	private ChartValues() {
	}

	static Map<String, Object> of(Path... valuesFiles) {
		Map<String, Object> merged = load(HelmChart.CHART.resolve("values.yaml"));
		for (Path file : valuesFiles) {
			merged = merge(merged, load(file));
		}
		return merged;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> load(Path file) {
		try {
			Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
			return (loaded != null) ? (Map<String, Object>) loaded : Map.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
		Map<String, Object> result = new LinkedHashMap<>(base);
		override.forEach((key, value) -> {
			Object existing = result.get(key);
			if (existing instanceof Map && value instanceof Map) {
				result.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) value));
			}
			else {
				result.put(key, value);
			}
		});
		return result;
	}

}
