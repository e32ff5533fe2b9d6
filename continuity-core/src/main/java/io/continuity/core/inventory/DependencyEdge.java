package io.continuity.core.inventory;

import java.util.Objects;

/**
 * One dependency inside a {@link Group}: {@code member} depends on {@code dependsOn}. A member is
 * acted on (failed over, switched over, drilled) only after everything it depends on, so {@code
 * dependsOn} lands in an earlier wave of {@link Group#waves()} than {@code member}.
 *
 * <p>Example: an application database that reads reference data from an auth database is {@code
 * DependencyEdge.of("app-db", "auth-db")}: {@code auth-db} goes first.
 *
 * @param member the dependent member
 * @param dependsOn the member it depends on
 */
public record DependencyEdge(String member, String dependsOn) {

  public DependencyEdge {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(dependsOn, "dependsOn");
    if (member.isBlank() || dependsOn.isBlank()) {
      throw new IllegalArgumentException(
          "a dependency edge needs two member ids, got '" + member + "' -> '" + dependsOn + "'");
    }
  }

  /** {@code member} depends on {@code dependsOn}. */
  public static DependencyEdge of(String member, String dependsOn) {
    return new DependencyEdge(member, dependsOn);
  }

  @Override
  public String toString() {
    return member + " -> " + dependsOn;
  }
}
