package io.continuity.core.execution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the execution, approval, audit and identity packages layered without cycles. */
class ExecutionPackagesArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.continuity.core");

  @Test
  void auditEventsDependOnNoExecutionOrApprovalClass() {
    noClasses()
        .that()
        .resideInAPackage("io.continuity.core.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.continuity.core.execution..", "io.continuity.core.approval..")
        .because(
            "the audit store reads events through AuditEvent only; pass plain values (ids, state"
                + " names) into event records instead of domain objects")
        .check(CORE);
  }

  @Test
  void approvalRulesDoNotDependOnTheExecutionAggregate() {
    noClasses()
        .that()
        .resideInAPackage("io.continuity.core.approval..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.continuity.core.execution..")
        .because(
            "execution uses approval, not the other way round; pass the values a rule needs"
                + " (requester id, approvals) as parameters")
        .check(CORE);
  }

  @Test
  void identityDependsOnNothingElseInCore() {
    noClasses()
        .that()
        .resideInAPackage("io.continuity.core.identity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.continuity.core.execution..",
            "io.continuity.core.approval..",
            "io.continuity.core.audit..")
        .because("Actor and Role are the bottom layer every other package uses")
        .check(CORE);
  }

  @Test
  void domainStaysFreeOfFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.continuity.core.execution..",
            "io.continuity.core.approval..",
            "io.continuity.core.audit..",
            "io.continuity.core.identity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "java.sql..", "jakarta..")
        .because("the core is plain Java; adapters for Spring, JDBC and web live in the server")
        .check(CORE);
  }
}
