package io.continuity.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorTest {

  @Test
  void systemActorIsNamedForItsComponentAndHoldsNoRoles() {
    Actor engine = Actor.system("execution-engine");

    assertThat(engine.id()).isEqualTo("system:execution-engine");
    assertThat(engine.isSystem()).isTrue();
    assertThat(engine.isPerson()).isFalse();
    assertThat(engine.roles()).isEmpty();
  }

  @Test
  void systemActorCannotHoldRoles() {
    assertThatThrownBy(() -> new Actor("system:engine", Set.of(Role.APPROVER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must hold no roles");
  }

  @Test
  void personCannotTakeASystemId() {
    assertThatThrownBy(() -> Actor.person("system:engine", Role.OPERATOR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not start with 'system:'");
  }

  @Test
  void personHoldsExactlyTheRolesGranted() {
    Actor carol = Actor.person("carol", Role.OPERATOR, Role.APPROVER);

    assertThat(carol.isPerson()).isTrue();
    assertThat(carol.hasRole(Role.APPROVER)).isTrue();
    assertThat(carol.hasRole(Role.ADMIN)).isFalse();
    assertThat(carol.hasAnyRole(Set.of(Role.ADMIN, Role.OPERATOR))).isTrue();
    assertThat(carol.roles()).containsExactly(Role.OPERATOR, Role.APPROVER);
  }

  @Test
  void adminRoleImpliesNoOtherRole() {
    Actor admin = Actor.person("adam", Role.ADMIN);

    assertThat(admin.hasRole(Role.APPROVER)).isFalse();
    assertThat(admin.hasRole(Role.OPERATOR)).isFalse();
  }

  @Test
  void blankIdIsRefused() {
    assertThatThrownBy(() -> Actor.person(" ", Role.VIEWER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be blank");
  }

  @Test
  void rolesCannotBeChangedAfterwards() {
    Actor olivia = Actor.person("olivia", Role.OPERATOR);

    assertThatThrownBy(() -> olivia.roles().add(Role.APPROVER))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
