package io.amlwarden;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mvnw spring-boot:test-run} (the README's run command) cannot choose among
 * several main classes in the test classes; the pom names the launcher. This fails when
 * that name stops pointing at a runnable launcher, e.g. after a rename.
 */
class LauncherMainClassTests {

	@Test
	void thePomNamesTheLocalLauncherForTestRun() throws IOException, ReflectiveOperationException {
		String pom = Files.readString(Path.of("pom.xml"));
		Matcher property = Pattern.compile("<spring-boot.run.main-class>([^<]+)</spring-boot.run.main-class>")
			.matcher(pom);
		assertThat(property.find()).as("spring-boot.run.main-class in pom.xml").isTrue();
		Class<?> launcher = Class.forName(property.group(1).trim());
		assertThat(launcher).isEqualTo(TestApplication.class);
		Method main = launcher.getMethod("main", String[].class);
		assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
	}

}
