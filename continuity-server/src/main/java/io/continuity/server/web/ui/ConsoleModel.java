package io.continuity.server.web.ui;

import io.continuity.server.security.CurrentActor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adds what every console page's layout needs (the signed-in user) to the model. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

  private final CurrentActor currentActor;

  ConsoleModel(CurrentActor currentActor) {
    this.currentActor = currentActor;
  }

  @ModelAttribute("me")
  ConsoleUser me() {
    return currentActor.find().map(ConsoleUser::of).orElse(null);
  }
}
