package io.continuity.connector.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.continuity.connector.api",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule connectorApiDependsOnTheJdkOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.continuity.core..",
              "io.continuity.server..",
              "org.springframework..",
              "jakarta..",
              "java.sql..",
              "javax.sql..")
          .because(
              "every connector builds against this SPI alone: keep framework and domain types out"
                  + " and pass plain values (move the type into the core or server instead)");
}
