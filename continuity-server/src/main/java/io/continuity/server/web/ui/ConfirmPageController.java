package io.continuity.server.web.ui;

import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.inventory.Tier;
import io.continuity.server.execution.ConfirmationRefusedException;
import io.continuity.server.execution.EvidenceReports;
import io.continuity.server.execution.ExecutionConfirmation;
import io.continuity.server.execution.PlanPreview;
import io.continuity.server.security.CurrentActor;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The confirmation screen: the plan, prechecks, current evidence and data-loss warning as {@link
 * ExecutionConfirmation#plan} presents them; for tier 1 the person types the resource (or group) id
 * before the Confirm button posts the token. Also the printable evidence report.
 */
@Controller
class ConfirmPageController {

  private final ExecutionConfirmation confirmation;
  private final EvidenceReports evidence;
  private final CurrentActor currentActor;

  ConfirmPageController(
      ExecutionConfirmation confirmation, EvidenceReports evidence, CurrentActor currentActor) {
    this.confirmation = confirmation;
    this.evidence = evidence;
    this.currentActor = currentActor;
  }

  @GetMapping("/executions/{id}/confirm")
  String present(@PathVariable String id, Model model) {
    return page(confirmation.plan(id, ConsoleUser.actor(currentActor.require())), model);
  }

  @PostMapping("/executions/{id}/confirm")
  ModelAndView confirm(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String confirmationToken,
      @RequestParam(defaultValue = "") String typedConfirmation,
      @RequestParam(defaultValue = "false") boolean acknowledgeCooldown,
      Model model) {
    var me = ConsoleUser.actor(currentActor.require());
    PlanPreview preview = confirmation.plan(id, me);
    ExecutionRequestSnapshot request = preview.request();
    if (needsTypedConfirmation(request)
        && !request.scope().id().equals(typedConfirmation.strip())) {
      model.addAttribute(
          "typedError",
          "Type " + request.scope().id() + " exactly to confirm this tier 1 execution.");
      return refused(page(preview, model), HttpStatus.UNPROCESSABLE_CONTENT);
    }
    try {
      confirmation.confirm(id, me, confirmationToken, acknowledgeCooldown, false);
      return new ModelAndView("redirect:/executions/" + id);
    } catch (ConfirmationRefusedException e) {
      model.addAttribute("confirmError", e.getMessage());
      model.addAttribute("refusedChecks", e.checks());
      model.addAttribute("changes", e.changes());
      return refused(
          page(confirmation.plan(id, me), model),
          e.kind() == ConfirmationRefusedException.Kind.TOKEN_INVALID
              ? HttpStatus.BAD_REQUEST
              : HttpStatus.CONFLICT);
    } catch (CommandRefusedException e) {
      model.addAttribute("confirmError", e.getMessage());
      return refused(page(confirmation.plan(id, me), model), HttpStatus.FORBIDDEN);
    }
  }

  @GetMapping("/executions/{id}/evidence")
  String evidence(@PathVariable String id, Model model) {
    model.addAttribute("report", evidence.report(id));
    return "evidence";
  }

  private String page(PlanPreview preview, Model model) {
    model.addAttribute("preview", preview);
    model.addAttribute("request", preview.request());
    model.addAttribute("typed", needsTypedConfirmation(preview.request()));
    if (!model.containsAttribute("refusedChecks")) {
      model.addAttribute("refusedChecks", List.of());
      model.addAttribute("changes", List.of());
    }
    return "confirm";
  }

  private static ModelAndView refused(String view, HttpStatus status) {
    ModelAndView mav = new ModelAndView(view);
    mav.setStatus(status);
    return mav;
  }

  static boolean needsTypedConfirmation(ExecutionRequestSnapshot request) {
    return request.tier() == Tier.TIER_1;
  }
}
