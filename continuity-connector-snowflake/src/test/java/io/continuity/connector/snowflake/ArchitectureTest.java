package io.continuity.connector.snowflake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.continuity.connector.snowflake",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule snowflakeConnectorDependsOnTheSpiSupportAndTheJdkOnly =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.continuity.connector.snowflake..",
              "io.continuity.connector.api..",
              "io.continuity.connector.support..",
              "java..",
              "javax..")
          .because(
              "the Snowflake connector speaks the SQL API over the JDK's HTTP client: it builds"
                  + " against continuity-connector-api, continuity-connector-support and the JDK"
                  + " alone (no Snowflake JDBC driver, no JSON library); pass plain values through"
                  + " the SPI instead of reaching into other modules");
}
