package io.continuity.connector.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.continuity.connector.support",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule supportDependsOnTheSpiAndTheJdkOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.continuity.core..",
              "io.continuity.server..",
              "io.continuity.lab..",
              "io.continuity.connector.testkit..",
              "io.continuity.connector.postgresql..",
              "io.continuity.connector.simulated..",
              "org.springframework..",
              "jakarta..",
              "java.sql..")
          .because(
              "continuity-connector-support is shared by every connector: it may use the SPI and"
                  + " the JDK only; put platform code in the platform's module");
}
