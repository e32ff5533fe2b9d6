package io.continuity.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.continuity.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreIsPlainJava =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "jakarta..", "java.sql..", "javax.sql..")
          .because(
              "the domain must stay usable and testable as plain Java: put framework and"
                  + " persistence code in continuity-server and pass domain values to it");

  @ArchTest
  static final ArchRule coreDependsOnTheConnectorSpiAndTheJdkOnly =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.continuity.core..", "io.continuity.connector.api..", "java..")
          .because(
              "core depends only on the connector SPI (io.continuity.connector.api) and the JDK;"
                  + " a platform detail belongs in its connector module, a framework in the"
                  + " server");
}
