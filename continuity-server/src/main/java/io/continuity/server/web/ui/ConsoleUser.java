package io.continuity.server.web.ui;

import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.security.AuthenticatedActor;
import java.util.List;

/** The signed-in person as the layout shows them: user id and roles (never a credential). */
public record ConsoleUser(String id, List<String> roles) {

  static ConsoleUser of(AuthenticatedActor actor) {
    return new ConsoleUser(actor.id(), actor.roles().stream().sorted().map(Role::name).toList());
  }

  static Actor actor(AuthenticatedActor actor) {
    return new Actor(actor.id(), actor.roles());
  }

  public boolean has(String role) {
    return roles.contains(role);
  }
}
