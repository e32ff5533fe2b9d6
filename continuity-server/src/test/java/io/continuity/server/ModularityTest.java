package io.continuity.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
    JavaClasses server =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.continuity.server");

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
        .check(server);
  }
}
