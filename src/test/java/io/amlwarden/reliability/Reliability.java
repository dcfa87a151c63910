package io.amlwarden.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures measured by the reliability suites, appended to
 * {@code target/reliability/figures.txt} so that {@code docs/reliability.md} can quote
 * what a run really measured.
 */
public final class Reliability {

	private Reliability() {
	}

	public static synchronized void record(String name, Map<String, ? extends Object> figures) {
		Path file = Path.of("target", "reliability", "figures.txt");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, Instant.now() + " " + name + " " + new TreeMap<>(figures) + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// figures are a convenience; the assertions are what matters
		}
	}

}
