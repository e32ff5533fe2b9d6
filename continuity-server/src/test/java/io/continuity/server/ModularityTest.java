package io.continuity.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The server's capability packages keep their boundaries. */
class ModularityTest {

  @Test
  void modulesOnlyUseEachOthersPublicSurface() {
    ApplicationModules.of(ContinuityApplication.class).verify();
  }

  @Test
  void onlyPersistenceClassesTouchJdbcDirectly() {
    noClasses()
        .that()
        .haveSimpleNameNotEndingWith("Repository")
        .and()
        .haveSimpleNameNotEndingWith("Trigger")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .because(
            "SQL belongs in *Repository classes that use Spring's JdbcClient (or an H2 *Trigger);"
                + " move the JDBC code into the module's repository")
        .check(server());
  }

  /**
   * Declarative transactions are switched off (application.yaml excludes Boot's
   * TransactionAutoConfiguration: scanning every bean's methods for the annotation cost each start
   * time for nothing), so an {@code @Transactional} would silently do nothing. Every write uses a
   * TransactionTemplate instead.
   */
  @Test
  void transactionsAreProgrammaticNeverAnnotated() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.springframework.transaction.annotation.Transactional")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.transaction.Transactional")
        .because(
            "declarative transactions are off (no proxy would honour the annotation); wrap the"
                + " writes in a TransactionTemplate on the store's transaction manager")
        .check(server());
  }

  private static JavaClasses server() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ModularityTest::notGeneratedBySpringAot)
        .importPackages("io.continuity.server");
  }

  /**
   * Spring AOT's generated bean definitions ({@code *__BeanDefinitions}, {@code
   * *__ApplicationContextInitializer}, …) and its CGLIB proxies ({@code $$SpringCGLIB$$}) land in
   * target/classes at prepare-package; a build that is not clean still has them when the tests run.
   * They are build output, not our code.
   */
  private static boolean notGeneratedBySpringAot(Location location) {
    return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
  }
}
