package io.continuity.connector.simulated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.continuity.connector.simulated",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule simulatedConnectorDependsOnTheSpiOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.continuity.core..",
              "io.continuity.server..",
              "io.continuity.connector.testkit..",
              "org.springframework..",
              "jakarta..")
          .because(
              "a connector builds against continuity-connector-api alone: pass plain values"
                  + " through the SPI instead of reaching into the core or the server");
}
