package io.amlwarden;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * The module rules of the README's Architecture section, as tests. Each rule first
 * asserts that the packages it names hold classes, so a renamed or vanished module fails
 * the build instead of passing vacuously.
 */
class ArchitectureTests {

	private static final String ROOT = "io.amlwarden";

	/**
	 * Every top-level module and the modules it may use (DESIGN §2); a new module is
	 * added here. The allowed uses form layers, which keeps the modules free of cycles by
	 * construction.
	 */
	static final Map<String, Set<String>> MAY_USE = Map.ofEntries(Map.entry("api", Set.of()),
			Map.entry("security", Set.of("api")), Map.entry("inventory", Set.of()),
			Map.entry("azure", Set.of("inventory")), Map.entry("audit", Set.of("api", "security")),
			Map.entry("findings", Set.of("api", "security")), Map.entry("notifications", Set.of("api", "security")),
			Map.entry("posture", Set.of("api", "security", "inventory")),
			Map.entry("scans", Set.of("api", "security", "inventory", "azure", "posture", "findings", "notifications")),
			Map.entry("rotation", Set.of("api", "security", "inventory", "azure", "audit", "notifications", "scans")),
			Map.entry("access", Set.of("api", "security", "inventory", "azure", "audit", "findings", "notifications")),
			Map.entry("overview", Set.of("api", "security", "inventory", "posture", "scans", "findings", "rotation",
					"access", "audit", "notifications")));

	static final List<String> MODULES = MAY_USE.keySet().stream().sorted().toList();

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
	void modulesUseOnlyTheModulesBelowThem() {
		for (String module : MODULES) {
			String base = ROOT + "." + module;
			Set<String> forbidden = new TreeSet<>(MODULES);
			forbidden.removeAll(MAY_USE.get(module));
			forbidden.remove(module);
			noClasses().that()
				.resideInAPackage(base + "..")
				.should()
				.dependOnClassesThat(inAnyModuleOf(forbidden))
				.as(module + " uses only " + MAY_USE.get(module))
				.allowEmptyShould(false)
				.check(production);
		}
	}

	@Test
	void theInventoryModuleHoldsPlainRecordsOnly() {
		assertNonEmpty(production.that(inPackage(ROOT + ".inventory")), "module inventory");
		noClasses().that()
			.resideInAPackage(ROOT + ".inventory..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "java.sql..", "com.azure..")
			.allowEmptyShould(false)
			.check(production);
	}

	@Test
	void controllersLeaveSqlToStores() {
		assertNonEmpty(production.that(annotatedWith(RestController.class)), "controllers");
		assertNonEmpty(production.that(usesJdbc()), "classes using JDBC");
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
			.check(production);
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

	private static DescribedPredicate<JavaClass> inAnyModuleOf(Set<String> modules) {
		return DescribedPredicate.describe("in one of " + modules, (javaClass) -> {
			String name = javaClass.getPackageName();
			return name.startsWith(ROOT + ".") && modules.contains(name.substring(ROOT.length() + 1).split("\\.")[0]);
		});
	}

	private static DescribedPredicate<JavaClass> usesJdbc() {
		return DescribedPredicate.describe("using JdbcTemplate",
				(javaClass) -> javaClass.getDirectDependenciesFromSelf()
					.stream()
					.anyMatch((dependency) -> dependency.getTargetClass()
						.getPackageName()
						.startsWith("org.springframework.jdbc")));
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
