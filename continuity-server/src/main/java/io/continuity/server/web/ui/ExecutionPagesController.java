package io.continuity.server.web.ui;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.server.execution.ExecutionBusyException;
import io.continuity.server.execution.ExecutionConfirmation;
import io.continuity.server.execution.ExecutionFilter;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.ExecutionRequests;
import io.continuity.server.execution.ExecutionTargetException;
import io.continuity.server.execution.OverrideRefusedException;
import io.continuity.server.execution.PrecheckOverrides;
import io.continuity.server.execution.RecoveryPlans;
import io.continuity.server.execution.RecoveryRefusedException;
import io.continuity.server.execution.StepLog;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.security.CurrentActor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Execution requests in the console: the list, the new-request form (policy shown up front, errors
 * next to their field), the request page with the decisions this person may take (and why not),
 * cancel and break-glass, and the live progress fragment.
 */
@Controller
class ExecutionPagesController {

  private final ExecutionRequests requests;
  private final StepLog steps;
  private final PrecheckOverrides overrides;
  private final ExecutionConfirmation confirmation;
  private final Inventory inventory;
  private final PolicyHint policy;
  private final CurrentActor currentActor;
  private final RecoveryPlans recoveries;

  ExecutionPagesController(
      ExecutionRequests requests,
      StepLog steps,
      PrecheckOverrides overrides,
      ExecutionConfirmation confirmation,
      Inventory inventory,
      PolicyHint policy,
      CurrentActor currentActor,
      RecoveryPlans recoveries,
      java.time.Clock clock) {
    this.clock = clock;
    this.recoveries = recoveries;
    this.requests = requests;
    this.steps = steps;
    this.overrides = overrides;
    this.confirmation = confirmation;
    this.inventory = inventory;
    this.policy = policy;
    this.currentActor = currentActor;
  }

  private final java.time.Clock clock;

  @GetMapping("/executions")
  String list(Model model) {
    model.addAttribute(
        "executions",
        requests.list(new ExecutionFilter(Optional.empty(), Optional.empty(), 0, 50)).items());
    return "executions";
  }

  @GetMapping("/executions/new")
  String newRequest(
      @RequestParam(required = false) String resourceId,
      @RequestParam(required = false) String groupId,
      @RequestParam(required = false) String type,
      Model model) {
    String target =
        resourceId != null ? "resource:" + resourceId : groupId != null ? "group:" + groupId : "";
    return form(new RequestForm(type, target, "", "", ""), Map.of(), model);
  }

  /** The policy box of the form, refreshed by htmx when the type or target changes. */
  @GetMapping("/executions/policy")
  String policyFragment(RequestForm form, Model model) {
    model.addAttribute("policyForRequest", policy.forRequest(form).orElse(""));
    model.addAttribute("policyLines", policy.perTier());
    return "execution-new :: policy";
  }

  @PostMapping("/executions")
  ModelAndView create(RequestForm form, Model model) {
    Actor me = actor();
    Optional<OperationType> type = form.operation();
    Optional<ExecutionScope> scope = form.scope();
    if (type.isEmpty()) {
      return formView(form, FieldErrors.of("type", "Choose the type of execution."), model);
    }
    if (scope.isEmpty()) {
      return formView(form, FieldErrors.of("target", "Choose a resource or group."), model);
    }
    try {
      ExecutionRequestSnapshot created =
          requests.create(form.toRequest(type.get(), scope.get()), me);
      return new ModelAndView("redirect:/executions/" + created.id());
    } catch (ExecutionTargetException e) {
      return formView(
          form, FieldErrors.of(FieldErrors.requestField(e.field()), e.getMessage()), model);
    } catch (CommandRefusedException e) {
      ModelAndView view =
          formView(form, FieldErrors.of(FieldErrors.refusalField(e), e.getMessage()), model);
      view.setStatus(
          e instanceof SeparationOfDutiesException
              ? HttpStatus.FORBIDDEN
              : HttpStatus.UNPROCESSABLE_CONTENT);
      return view;
    }
  }

  @GetMapping("/executions/{id}")
  String request(@PathVariable String id, Model model) {
    return page(load(id), model);
  }

  /** The state and step log, polled while the request is not final. */
  @GetMapping("/executions/{id}/progress")
  String progress(@PathVariable String id, Model model) {
    ExecutionRequestSnapshot request = load(id);
    model.addAttribute("request", request);
    model.addAttribute("steps", steps.list(id));
    return "execution :: progress";
  }

  @PostMapping("/executions/{id}/approve")
  ModelAndView approve(
      @PathVariable String id, @RequestParam(defaultValue = "") String comment, Model model) {
    return command(id, model, () -> requests.approve(id, actor(), comment));
  }

  @PostMapping("/executions/{id}/reject")
  ModelAndView reject(
      @PathVariable String id, @RequestParam(defaultValue = "") String comment, Model model) {
    return command(id, model, () -> requests.reject(id, actor(), comment));
  }

  @PostMapping("/executions/{id}/cancel")
  ModelAndView cancel(
      @PathVariable String id, @RequestParam(defaultValue = "") String reason, Model model) {
    return command(id, model, () -> requests.cancel(id, actor(), reason));
  }

  @PostMapping("/executions/{id}/break-glass")
  ModelAndView breakGlass(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String justification,
      @RequestParam(defaultValue = "") String incidentRef,
      Model model) {
    return command(id, model, () -> requests.breakGlass(id, actor(), justification, incidentRef));
  }

  @PostMapping("/executions/{id}/override")
  ModelAndView override(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String check,
      @RequestParam(defaultValue = "") String reason,
      Model model) {
    load(id);
    try {
      overrides.override(id, actor(), check, reason);
      return new ModelAndView("redirect:/executions/" + id);
    } catch (OverrideRefusedException e) {
      model.addAttribute("actionError", e.getMessage());
      ModelAndView view = new ModelAndView(page(load(id), model));
      view.setStatus(
          switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
          });
      return view;
    }
  }

  /** Requests a recovery plan of a FAILED run; on success, the new request's page. */
  @PostMapping("/executions/{id}/recover")
  ModelAndView recover(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String option,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String changeTicket,
      Model model) {
    load(id);
    try {
      ExecutionRequestSnapshot created =
          recoveries.request(id, option, reason, Optional.of(changeTicket), actor());
      return new ModelAndView("redirect:/executions/" + created.id());
    } catch (RecoveryRefusedException | ExecutionTargetException e) {
      model.addAttribute("actionError", e.getMessage());
      ModelAndView view = new ModelAndView(page(load(id), model));
      view.setStatus(
          e instanceof RecoveryRefusedException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
      return view;
    } catch (CommandRefusedException e) {
      model.addAttribute("actionError", e.getMessage());
      ModelAndView view = new ModelAndView(page(load(id), model));
      view.setStatus(
          e instanceof SeparationOfDutiesException ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT);
      return view;
    }
  }

  private ModelAndView command(String id, Model model, Runnable action) {
    load(id);
    try {
      action.run();
      return new ModelAndView("redirect:/executions/" + id);
    } catch (CommandRefusedException e) {
      model.addAttribute("actionError", e.getMessage());
      ModelAndView view = new ModelAndView(page(load(id), model));
      view.setStatus(
          e instanceof SeparationOfDutiesException ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT);
      return view;
    } catch (ExecutionBusyException e) {
      model.addAttribute("actionError", e.getMessage());
      ModelAndView view = new ModelAndView(page(load(id), model));
      view.setStatus(HttpStatus.CONFLICT);
      return view;
    }
  }

  private String page(ExecutionRequestSnapshot request, Model model) {
    model.addAttribute("request", request);
    model.addAttribute("actions", RequestActions.of(request, actor()));
    model.addAttribute("steps", steps.list(request.id()));
    model.addAttribute("overrides", overrides.list(request.id()));
    model.addAttribute("overridable", overrides.openTo(request.id(), actor()));
    model.addAttribute(
        "windowLine", request.window().map(w -> windowLine(w, clock.instant())).orElse(null));
    ExecutionState state = request.state();
    boolean beforeStart =
        state == ExecutionState.PENDING_APPROVAL
            || state == ExecutionState.APPROVED
            || state == ExecutionState.READY_TO_START;
    model.addAttribute("preview", beforeStart ? confirmation.peek(request.id(), actor()) : null);
    model.addAttribute(
        "recovery", state == ExecutionState.FAILED ? recoveries.view(request.id()) : null);
    return "execution";
  }

  /**
   * The maintenance window as the execution page shows it: "A – B (opens in 3 h)", "(open, closes
   * in 2 h)" or "(closed)".
   */
  static String windowLine(io.continuity.core.execution.ExecutionWindow window, Instant now) {
    String state;
    if (now.isBefore(window.notBefore())) {
      state = "opens in " + Ages.span(java.time.Duration.between(now, window.notBefore()));
    } else if (window.isOpen(now)) {
      state = "open, closes in " + Ages.span(java.time.Duration.between(now, window.notAfter()));
    } else {
      state = "closed";
    }
    return window.notBefore() + " – " + window.notAfter() + " (" + state + ")";
  }

  private ModelAndView formView(RequestForm form, Map<String, String> errors, Model model) {
    ModelAndView view = new ModelAndView(form(form, errors, model));
    view.setStatus(HttpStatus.BAD_REQUEST);
    return view;
  }

  private String form(RequestForm form, Map<String, String> errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("types", OperationType.values());
    model.addAttribute("resources", inventory.resources());
    model.addAttribute(
        "siteNames",
        inventory.resources().stream()
            .flatMap(r -> java.util.stream.Stream.of(r.primarySite().name(), r.drSite().name()))
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    model.addAttribute("groups", inventory.groups());
    model.addAttribute("policyLines", policy.perTier());
    model.addAttribute("policyForRequest", policy.forRequest(form).orElse(""));
    return "execution-new";
  }

  private ExecutionRequestSnapshot load(String id) {
    return requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
  }

  private Actor actor() {
    return ConsoleUser.actor(currentActor.require());
  }
}
