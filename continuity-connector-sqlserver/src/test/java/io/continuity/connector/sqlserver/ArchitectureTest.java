package io.continuity.connector.sqlserver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.continuity.connector.sqlserver",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule sqlServerConnectorDependsOnTheSpiAndTheDriverOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.continuity.core..",
              "io.continuity.server..",
              "io.continuity.lab..",
              "io.continuity.connector.testkit..",
              "io.continuity.connector.simulated..",
              "io.continuity.connector.postgresql..",
              "org.springframework..",
              "jakarta..")
          .because(
              "a connector builds against continuity-connector-api, continuity-connector-support"
                  + " and its driver alone: pass plain values through the SPI instead of reaching"
                  + " into other modules");
}
