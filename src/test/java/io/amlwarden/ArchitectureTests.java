package io.amlwarden;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of DESIGN §2, as tests. Each rule first asserts that the packages it
 * names hold classes, so a renamed or vanished module fails the build instead of passing
 * vacuously.
 */
class ArchitectureTests {

	private static final String ROOT = "io.amlwarden";

	/** Every top-level module that exists today; a new module is added here. */
	static final List<String> MODULES = List.of("access", "api", "audit", "azure", "findings", "inventory", "overview",
			"notifications", "posture", "rotation", "scans", "security");

	private static JavaClasses production;

	@BeforeAll
	static void importClasses() {
		production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(ROOT);
	}

	@Test
	void everyNamedModuleExists() {
		Set<String> present = production.stream()
			.map(JavaClass::getPackageName)
			.filter((name) -> name.startsWith(ROOT + "."))
			.map((name) -> name.substring(ROOT.length() + 1).split("\\.")[0])
			.collect(Collectors.toSet());
		assertThat(present).containsAll(MODULES);
		// and nothing exists that the rules below do not know about
		assertThat(MODULES).containsAll(present);
	}

	@Test
	void onlyTheAzureModuleUsesTheAzureSdk() {
		assertNonEmpty(production.that(outside(ROOT + ".azure")), "classes outside azure");
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage(ROOT + ".azure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.azure..");
		rule.check(production);
	}

	@Test
	void modulesAreFreeOfCycles() {
		assertThat(MODULES).hasSizeGreaterThan(1);
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(production);
	}

	@Test
	void modulesReachEachOtherOnlyThroughTheirTopLevelPackage() {
		for (String module : MODULES) {
			String base = ROOT + "." + module;
			assertNonEmpty(production.that(inPackage(base)), "module " + module);
			noClasses().that()
				.resideOutsideOfPackage(base + "..")
				.should()
				.dependOnClassesThat(insideSubpackageOf(base))
				.as("classes outside " + module + " use only its top-level package")
				.allowEmptyShould(false)
				.check(production);
		}
	}

	@Test
	void controllersAndEntitiesAreNotPublic() {
		assertNonEmpty(production.that(annotatedWith(RestController.class)), "controllers");
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(production);
		assertNonEmpty(production.that(annotatedWith(Entity.class)), "entities");
		classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(production);
	}

	@Test
	void featureModulesDoNotUseFieldInjection() {
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
			.orShould()
			.accessClassesThat()
			.haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired")
			.check(production);
	}

	private static void assertNonEmpty(JavaClasses classes, String what) {
		assertThat(classes).as(what + " must exist for the rule to mean anything").isNotEmpty();
	}

	private static DescribedPredicate<JavaClass> outside(String packageName) {
		return DescribedPredicate.describe("outside " + packageName,
				(javaClass) -> !javaClass.getPackageName().startsWith(packageName));
	}

	private static DescribedPredicate<JavaClass> inPackage(String packageName) {
		return DescribedPredicate.describe("in " + packageName,
				(javaClass) -> javaClass.getPackageName().equals(packageName)
						|| javaClass.getPackageName().startsWith(packageName + "."));
	}

	private static DescribedPredicate<JavaClass> insideSubpackageOf(String packageName) {
		return DescribedPredicate.describe("in a sub-package of " + packageName,
				(javaClass) -> javaClass.getPackageName().startsWith(packageName + "."));
	}

	private static DescribedPredicate<JavaClass> annotatedWith(Class<? extends java.lang.annotation.Annotation> type) {
		return DescribedPredicate.describe("annotated with " + type.getSimpleName(),
				(javaClass) -> javaClass.isAnnotatedWith(type));
	}

}
