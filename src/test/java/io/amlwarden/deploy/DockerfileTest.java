package io.amlwarden.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the {@code Dockerfile} (no Docker engine needed) and checks how the image is
 * built and how it runs.
 */
class DockerfileTest {

	static final Path DOCKERFILE = Path.of("Dockerfile").toAbsolutePath();

	static final Path DOCKERIGNORE = Path.of(".dockerignore").toAbsolutePath();

	/** Spring Boot's layers, in the order they must be copied (least volatile first). */
	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	/**
	 * {@code image:17.0.18_8-jre-jammy}: a full Java version with its build number, never
	 * a floating tag; optionally followed by a digest.
	 */
	static final Pattern PINNED_IMAGE = Pattern
		.compile("^(?<image>[a-z0-9./_-]+):(?<tag>17\\.\\d+\\.\\d+[_+]\\d+-[a-z0-9.-]+)(@sha256:[a-f0-9]{64})?$");

	static final Pattern SECRET_LIKE = Pattern.compile("PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|API_?KEY|PRIVATE",
			Pattern.CASE_INSENSITIVE);

	static List<Stage> stages;

	@BeforeAll
	static void parse() throws IOException {
		stages = Stage.parse(Files.readString(DOCKERFILE));
	}

	@Test
	void isMultiStage() {
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void everyBaseImageIsPinnedToAFullJava17Version() {
		for (Stage stage : stages) {
			assertThat(stage.image()).as("FROM of stage %s", stage.name())
				.doesNotContainIgnoringCase("latest")
				.matches(PINNED_IMAGE);
		}
	}

	@Test
	void buildStageUsesAJdkAndTheMavenWrapperAndExtractsTheLayers() {
		Stage build = stages.get(0);
		assertThat(build.image()).contains("-jdk-");
		List<String> runs = build.args("RUN");
		assertThat(runs).anySatisfy((run) -> assertThat(run).contains("./mvnw").contains("package"));
		assertThat(runs).anySatisfy((run) -> assertThat(run).contains("-Djarmode=tools")
			.containsPattern("extract\\s+--layers\\s+--launcher"));
	}

	@Test
	void runStageIsAJreImageNotAnotherStage() {
		Stage run = runStage();
		assertThat(run.image()).contains("-jre-");
		assertThat(stages.stream().map(Stage::name)).doesNotContain(run.image());
	}

	@Test
	void runStageRunsAsANumericNonRootUser() {
		Stage run = runStage();
		List<String> users = run.args("USER");
		assertThat(users).as("USER in the run stage").isNotEmpty();
		String user = users.get(users.size() - 1);
		Matcher numeric = Pattern.compile("^(\\d+)(?::(\\d+))?$").matcher(user);
		assertThat(numeric.matches()).as("USER %s is numeric uid[:gid]", user).isTrue();
		assertThat(Integer.parseInt(numeric.group(1))).as("uid").isPositive();
		if (numeric.group(2) != null) {
			assertThat(Integer.parseInt(numeric.group(2))).as("gid").isPositive();
		}
		int lastUser = run.lastIndexOf("USER");
		assertThat(lastUser).as("USER comes before ENTRYPOINT").isLessThan(run.lastIndexOf("ENTRYPOINT"));
		assertThat(run.instructions().subList(lastUser, run.instructions().size()))
			.as("nothing runs as root after USER")
			.noneMatch((instruction) -> instruction.keyword().equals("RUN"));
	}

	@Test
	void runStageCopiesOnlyTheExtractedLayersFromTheBuildStage() {
		Stage run = runStage();
		assertThat(run.args("ADD")).as("ADD in the run stage").isEmpty();
		List<String> copies = run.args("COPY");
		assertThat(copies).hasSize(LAYERS.size());
		String buildStage = stages.get(0).name();
		for (int i = 0; i < LAYERS.size(); i++) {
			List<String> words = List.of(copies.get(i).split("\\s+"));
			assertThat(words).as("COPY %s", copies.get(i)).contains("--from=" + buildStage);
			List<String> paths = words.stream().filter((word) -> !word.startsWith("--")).toList();
			assertThat(paths).as("COPY %s has one source and a destination", copies.get(i)).hasSize(2);
			assertThat(paths.get(0)).as("source of COPY #%d", i + 1).matches(".*/extracted/" + LAYERS.get(i) + "/?");
		}
	}

	@Test
	void entrypointIsExecFormJavaWithoutAShell() {
		Stage run = runStage();
		List<String> entrypoints = run.args("ENTRYPOINT");
		assertThat(entrypoints).hasSize(1);
		Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(entrypoints.get(0));
		assertThat(parsed).as("ENTRYPOINT must be a JSON array (exec form)").isInstanceOf(List.class);
		List<Object> argv = List.copyOf((List<?>) parsed);
		assertThat(argv.get(0)).isEqualTo("java");
		assertThat(argv).contains("org.springframework.boot.loader.launch.JarLauncher");
		assertThat(argv).noneMatch((arg) -> Set.of("sh", "/bin/sh", "bash", "/bin/bash", "-c").contains(arg));
		assertThat(run.args("CMD")).as("CMD").allSatisfy((cmd) -> assertThat(cmd).startsWith("["));
	}

	@Test
	void exposesTheAppAndManagementPorts() {
		List<String> ports = new ArrayList<>();
		runStage().args("EXPOSE").forEach((expose) -> ports.addAll(List.of(expose.split("\\s+"))));
		assertThat(ports).contains("8080", "8081");
	}

	@Test
	void jvmSizesTheHeapFromTheContainerMemoryLimit() {
		Stage run = runStage();
		String runtimeConfig = String.join("\n", run.args("ENV")) + "\n" + String.join("\n", run.args("ENTRYPOINT"));
		assertThat(runtimeConfig).containsPattern("-XX:MaxRAMPercentage=\\d+");
	}

	@Test
	void bakesInNoSecrets() {
		for (Stage stage : stages) {
			for (String keyword : List.of("ARG", "ENV", "LABEL")) {
				for (String args : stage.args(keyword)) {
					for (String name : variableNames(args)) {
						assertThat(name).as("%s %s in stage %s", keyword, name, stage.name())
							.doesNotContainPattern(SECRET_LIKE);
					}
				}
			}
		}
	}

	@Test
	void dockerignoreKeepsTheBuildContextToWhatTheBuildNeeds() throws IOException {
		List<String> rules = Files.readAllLines(DOCKERIGNORE)
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(rules.get(0)).as("first rule excludes everything").isEqualTo("*");
		List<String> exceptions = rules.stream()
			.filter((rule) -> rule.startsWith("!"))
			.map((rule) -> rule.substring(1))
			.toList();
		assertThat(exceptions)
			.allSatisfy((path) -> assertThat(path).matches("(mvnw|pom\\.xml|\\.mvn|src/main|db)(/.*)?")
				.doesNotContain("..")
				.doesNotStartWith("src/test")
				.doesNotStartWith(".git")
				.doesNotStartWith("target"));
		// Everything the build stage copies from the context must be let in.
		for (String copy : stages.get(0).args("COPY")) {
			if (copy.contains("--from=")) {
				continue;
			}
			String source = copy.split("\\s+")[0].replaceAll("/$", "");
			assertThat(exceptions).as("context path %s is allowed by .dockerignore", source)
				.anyMatch((exception) -> exception.replaceAll("/$", "").equals(source));
		}
	}

	private static Stage runStage() {
		return stages.get(stages.size() - 1);
	}

	/** Names declared by ARG/ENV/LABEL arguments ({@code A=1 B="x y"} or {@code A 1}). */
	private static List<String> variableNames(String args) {
		List<String> names = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_.-]*)=").matcher(args);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		if (names.isEmpty()) {
			names.add(args.split("\\s+")[0]);
		}
		return names;
	}

	record Instruction(String keyword, String args) {
	}

	record Stage(String image, String name, List<Instruction> instructions) {

		List<String> args(String keyword) {
			return this.instructions.stream()
				.filter((i) -> i.keyword().equals(keyword))
				.map(Instruction::args)
				.toList();
		}

		int lastIndexOf(String keyword) {
			for (int i = this.instructions.size() - 1; i >= 0; i--) {
				if (this.instructions.get(i).keyword().equals(keyword)) {
					return i;
				}
			}
			return -1;
		}

		/**
		 * Splits a Dockerfile into stages (comments dropped, line continuations joined).
		 */
		static List<Stage> parse(String dockerfile) {
			List<String> logicalLines = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			for (String line : dockerfile.split("\n")) {
				String trimmed = line.trim();
				if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
					continue;
				}
				if (trimmed.endsWith("\\")) {
					current.append(trimmed, 0, trimmed.length() - 1).append(' ');
					continue;
				}
				current.append(trimmed);
				logicalLines.add(current.toString().trim());
				current.setLength(0);
			}
			List<Stage> stages = new ArrayList<>();
			for (String line : logicalLines) {
				String[] parts = line.split("\\s+", 2);
				String keyword = parts[0].toUpperCase(Locale.ROOT);
				String args = (parts.length > 1) ? parts[1].trim() : "";
				if (keyword.equals("FROM")) {
					List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
					words.removeIf((word) -> word.startsWith("--"));
					String name = (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) ? words.get(2)
							: String.valueOf(stages.size());
					stages.add(new Stage(words.get(0), name, new ArrayList<>()));
				}
				else {
					assertThat(stages).as("instruction before the first FROM: %s", line).isNotEmpty();
					stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, args));
				}
			}
			return stages;
		}

	}

}
