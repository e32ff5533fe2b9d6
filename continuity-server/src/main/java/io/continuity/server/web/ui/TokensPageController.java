package io.continuity.server.web.ui;

import io.continuity.server.security.ApiTokens;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import io.continuity.server.security.IssuedApiToken;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The signed-in person's API tokens: issue one for a script (its secret shown on this page once),
 * see when each was last used, revoke one.
 */
@Controller
class TokensPageController {

  private final ApiTokens tokens;
  private final CurrentActor currentActor;
  private final Clock clock;

  TokensPageController(ApiTokens tokens, CurrentActor currentActor, Clock clock) {
    this.tokens = tokens;
    this.currentActor = currentActor;
    this.clock = clock;
  }

  @GetMapping("/tokens")
  String page(Model model) {
    return page(model, null, null);
  }

  @PostMapping("/tokens")
  ModelAndView issue(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "90") String days,
      Model model) {
    int lifetime;
    try {
      lifetime = Integer.parseInt(days.strip());
    } catch (NumberFormatException e) {
      lifetime = -1;
    }
    String error = null;
    if (name.isBlank() || name.length() > 200) {
      error = "Give the token a name (at most 200 characters) that says what it is for.";
    } else if (lifetime < 1 || lifetime > ApiTokens.MAX_LIFETIME.toDays()) {
      error = "The lifetime must be between 1 and " + ApiTokens.MAX_LIFETIME.toDays() + " days.";
    }
    if (error != null) {
      ModelAndView view = new ModelAndView(page(model, null, error));
      view.setStatus(HttpStatus.BAD_REQUEST);
      return view;
    }
    IssuedApiToken issued =
        tokens.issue(currentActor.require().id(), name, Duration.ofDays(lifetime));
    return new ModelAndView(page(model, issued, null));
  }

  @PostMapping("/tokens/{id}/revoke")
  String revoke(@PathVariable String id) {
    AuthenticatedActor me = currentActor.require();
    tokens.revoke(id, me);
    return "redirect:/tokens";
  }

  private String page(Model model, IssuedApiToken issued, String error) {
    model.addAttribute("tokens", tokens.of(currentActor.require().id()));
    model.addAttribute("issued", issued);
    model.addAttribute("error", error);
    model.addAttribute("now", clock.instant());
    return "tokens";
  }
}
