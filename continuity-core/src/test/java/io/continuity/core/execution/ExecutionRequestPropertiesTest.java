package io.continuity.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.Approval;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.audit.AuditEvent;
import io.continuity.core.audit.ExecutionStarted;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of commands by random people with random roles, under random policies, against
 * the safety invariants: nothing runs without the policy satisfied or a break-glass, nor without a
 * person's confirmation; no approval counts twice or for the requester; every accepted command
 * emits exactly one audit event and every refused one changes nothing; terminal states stay
 * terminal; only the transitions of the state machine ever happen.
 */
class ExecutionRequestPropertiesTest {

  private static final int PEOPLE = 5;
  private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

  enum Kind {
    CREATE,
    APPROVE,
    REJECT,
    CANCEL,
    EXPIRE,
    BREAK_GLASS,
    PRESENT,
    CONFIRM,
    REVIEW,
    RETRY,
    STEP_START,
    STEP_COMPLETE,
    STEP_FAIL,
    PRECHECK,
    POSTCHECK,
    SUCCEED,
    FAIL,
    WAIT
  }

  /** One command: who (index into the cast; {@code PEOPLE} is the control plane) and a knob. */
  record Command(Kind kind, int actor, int knob) {
    boolean blankText() {
      return knob % 7 == 0;
    }
  }

  @Property(tries = 1000)
  void safetyInvariantsHoldForEveryCommandSequence(
      @ForAll("casts") List<Set<Role>> cast,
      @ForAll @IntRange(min = 0, max = 3) int tier1Approvals,
      @ForAll @IntRange(min = 0, max = 2) int tier2Approvals,
      @ForAll boolean confirmerMayBeApprover,
      @ForAll("commands") List<Command> commands) {
    ApprovalPolicy policy =
        ApprovalPolicy.defaults()
            .withApprovalsRequired(Tier.TIER_1, tier1Approvals)
            .withApprovalsRequired(Tier.TIER_2, tier2Approvals)
            .withConfirmerMayBeApprover(confirmerMayBeApprover);
    World world = new World(cast, policy);
    for (Command command : commands) {
      world.apply(command);
    }
    Statistics.label("entered RUNNING").collect(world.started);
    Statistics.label("entered RUNNING").coverage(c -> c.check(true).count(n -> n >= 20));
    Statistics.label("break-glass start").collect(world.breakGlassStarted);
    Statistics.label("break-glass start").coverage(c -> c.check(true).count(n -> n >= 3));
    Statistics.label("retried").collect(world.retried);
    Statistics.label("retried").coverage(c -> c.check(true).count(n -> n >= 3));
  }

  /**
   * Half the casts are random role sets (many commands get refused), half a cast that can do
   * everything (so runs, break-glass starts and retries are reached often).
   */
  @Provide
  Arbitrary<List<Set<Role>>> casts() {
    Arbitrary<List<Set<Role>>> random =
        Arbitraries.of(Role.class).set().ofMaxSize(3).list().ofSize(PEOPLE);
    List<Set<Role>> capable =
        List.of(
            Set.of(Role.OPERATOR, Role.BREAK_GLASS),
            Set.of(Role.APPROVER),
            Set.of(Role.APPROVER, Role.OPERATOR),
            Set.of(Role.APPROVER),
            Set.of(Role.BREAK_GLASS, Role.ADMIN));
    return Arbitraries.oneOf(random, Arbitraries.just(capable));
  }

  /** Half entirely random sequences, half lifecycles in plausible order by random actors. */
  @Provide
  Arbitrary<List<Command>> commands() {
    Arbitrary<Kind> kinds =
        Arbitraries.frequency(
            Tuple.of(3, Kind.CREATE),
            Tuple.of(10, Kind.APPROVE),
            Tuple.of(2, Kind.REJECT),
            Tuple.of(1, Kind.CANCEL),
            Tuple.of(2, Kind.EXPIRE),
            Tuple.of(3, Kind.BREAK_GLASS),
            Tuple.of(6, Kind.PRESENT),
            Tuple.of(8, Kind.CONFIRM),
            Tuple.of(2, Kind.REVIEW),
            Tuple.of(3, Kind.RETRY),
            Tuple.of(4, Kind.STEP_START),
            Tuple.of(3, Kind.STEP_COMPLETE),
            Tuple.of(2, Kind.STEP_FAIL),
            Tuple.of(2, Kind.PRECHECK),
            Tuple.of(2, Kind.POSTCHECK),
            Tuple.of(3, Kind.SUCCEED),
            Tuple.of(3, Kind.FAIL),
            Tuple.of(4, Kind.WAIT));
    Arbitrary<List<Command>> random = command(kinds).list().ofMaxSize(100);
    Arbitrary<List<Command>> lifecycles =
        lifecycle().list().ofMinSize(1).ofMaxSize(3).map(ExecutionRequestPropertiesTest::flatten);
    return Arbitraries.oneOf(random, lifecycles);
  }

  /** One request's life in order, every phase by random actors, with waits in between. */
  private static Arbitrary<List<Command>> lifecycle() {
    Arbitrary<List<Command>> stepBlock =
        Combinators.combine(
                Arbitraries.integers().between(0, 999),
                Arbitraries.of(Kind.STEP_COMPLETE, Kind.STEP_COMPLETE, Kind.STEP_FAIL),
                Arbitraries.of(Kind.PRECHECK, Kind.POSTCHECK))
            .as(
                (knob, end, check) ->
                    List.of(
                        new Command(Kind.STEP_START, 0, knob),
                        new Command(check, 0, knob),
                        new Command(end, 0, knob)));
    return Combinators.combine(
            List.of(
                phase(Kind.CREATE, 1, 2),
                phase(Kind.WAIT, 0, 1),
                phase(Kind.APPROVE, 0, 5),
                phase(Kind.BREAK_GLASS, 0, 2),
                phase(Kind.PRESENT, 1, 2),
                phase(Kind.WAIT, 0, 1),
                phase(Kind.CONFIRM, 1, 3),
                stepBlock.list().ofMaxSize(3).map(ExecutionRequestPropertiesTest::flatten),
                command(Arbitraries.of(Kind.SUCCEED, Kind.FAIL, Kind.FAIL)).list().ofSize(1),
                phase(Kind.REVIEW, 0, 2),
                phase(Kind.RETRY, 0, 2)))
        .as(ExecutionRequestPropertiesTest::flatten);
  }

  private static Arbitrary<List<Command>> phase(Kind kind, int min, int max) {
    return command(Arbitraries.just(kind)).list().ofMinSize(min).ofMaxSize(max);
  }

  /** Commands by one of the people (mostly) or the control plane (rarely). */
  private static Arbitrary<Command> command(Arbitrary<Kind> kinds) {
    Arbitrary<Integer> actors =
        Arbitraries.frequency(
            Tuple.of(1, PEOPLE),
            Tuple.of(5, 0),
            Tuple.of(5, 1),
            Tuple.of(5, 2),
            Tuple.of(5, 3),
            Tuple.of(5, 4));
    return Combinators.combine(kinds, actors, Arbitraries.integers().between(0, 999))
        .as(Command::new);
  }

  private static <T> List<T> flatten(List<List<T>> lists) {
    List<T> all = new ArrayList<>();
    lists.forEach(all::addAll);
    return all;
  }

  /** The requests made so far, the clock and the invariant checks after each command. */
  private static final class World {
    private final List<Actor> people = new ArrayList<>();
    private final ApprovalPolicy policy;
    private final List<ExecutionRequest> requests = new ArrayList<>();
    private ExecutionRequest current;
    private Instant now = START;
    private int nextId = 1;
    boolean started;
    boolean breakGlassStarted;
    boolean retried;

    World(List<Set<Role>> cast, ApprovalPolicy policy) {
      for (int i = 0; i < cast.size(); i++) {
        people.add(new Actor("person-" + i, cast.get(i)));
      }
      this.policy = policy;
    }

    void apply(Command command) {
      Actor actor = command.actor() < PEOPLE ? people.get(command.actor()) : Actor.system("tester");
      if (command.kind() == Kind.WAIT) {
        now =
            now.plus(
                Duration.ofMinutes(
                    command.knob() % 10 == 0 ? command.knob() * 2L : command.knob() % 30));
        return;
      }
      now = now.plusSeconds(1);
      if (command.kind() == Kind.CREATE) {
        create(actor, command);
        return;
      }
      if (current == null) {
        return;
      }
      ExecutionRequestSnapshot before = current.snapshot();
      List<AuditEvent> eventsBefore = current.pendingEvents();
      Object result;
      try {
        result = run(current, actor, command);
      } catch (CommandRefusedException refused) {
        assertThat(current.snapshot()).as("refused %s changes nothing", command).isEqualTo(before);
        assertThat(current.pendingEvents()).isEqualTo(eventsBefore);
        checkInvariants(current);
        return;
      }
      if (result instanceof ExecutionRequest retry) {
        assertThat(current.snapshot()).as("a retried request stays as it was").isEqualTo(before);
        assertThat(current.pendingEvents()).isEqualTo(eventsBefore);
        assertThat(retry.snapshot().approvals()).isEmpty();
        assertThat(retry.snapshot().retryOf()).contains(before.id());
        assertThat(retry.state()).isIn(ExecutionState.PENDING_APPROVAL, ExecutionState.APPROVED);
        assertThat(retry.pendingEvents()).hasSize(1);
        retried = true;
        adopt(retry);
        return;
      }
      ExecutionRequestSnapshot after = current.snapshot();
      List<AuditEvent> events = current.pendingEvents();
      assertThat(events)
          .as("accepted %s emits exactly one event", command)
          .hasSize(eventsBefore.size() + 1);
      AuditEvent event = events.get(events.size() - 1);
      assertThat(event).isSameAs(result);
      assertThat(event.executionId()).contains(after.id());
      assertThat(after.version()).isEqualTo(before.version() + 1);
      if (before.state().isTerminal()) {
        assertThat(after.state()).as("terminal states stay terminal").isEqualTo(before.state());
      }
      if (before.state() != after.state()) {
        assertThat(Transitions.allowed(before.state(), after.state()))
            .as("%s -> %s by %s", before.state(), after.state(), command.kind())
            .isTrue();
      }
      if (after.state() == ExecutionState.RUNNING && before.state() != ExecutionState.RUNNING) {
        checkStart(actor, after, event);
      }
      checkInvariants(current);
    }

    private void create(Actor actor, Command command) {
      ExecutionDraft draft =
          new ExecutionDraft(
              "req-" + nextId++,
              OperationType.values()[command.knob() % 4],
              command.knob() % 2 == 0 ? ExecutionScope.resource("db") : ExecutionScope.group("g"),
              "dr",
              command.knob() % 3 == 0 ? Tier.TIER_2 : Tier.TIER_1,
              command.knob() % 5 == 0 ? Optional.empty() : Optional.of("CHG-" + command.knob()),
              command.blankText() ? " " : "because");
      try {
        ExecutionRequest created = ExecutionRequest.create(draft, actor, policy, now);
        assertThat(created.pendingEvents()).hasSize(1);
        assertThat(created.version()).isEqualTo(1);
        adopt(created);
      } catch (CommandRefusedException refused) {
        assertThat(refused.requestId()).isEqualTo(draft.id());
      }
    }

    private void adopt(ExecutionRequest request) {
      requests.add(request);
      current = request;
      checkInvariants(request);
    }

    private Object run(ExecutionRequest request, Actor actor, Command command) {
      String text = command.blankText() ? "  " : "text " + command.knob();
      String step = "step-" + (command.knob() % 3);
      RunProgress run = request.run();
      switch (command.kind()) {
        case APPROVE:
          return request.approve(actor, text, now);
        case REJECT:
          return request.reject(actor, text, now);
        case CANCEL:
          return request.cancel(actor, text, now);
        case EXPIRE:
          return request.expire(now);
        case BREAK_GLASS:
          return request.breakGlass(actor, text, command.knob() % 11 == 0 ? "" : "INC-1", now);
        case PRESENT:
          return request.presentConfirmation(actor, now);
        case CONFIRM:
          return request.confirmStart(actor, now);
        case REVIEW:
          return request.reviewPostIncident(actor, text, now);
        case RETRY:
          return request.retry("req-" + nextId++, actor, text, policy, now);
        case STEP_START:
          return run.recordStepStarted(step, now);
        case STEP_COMPLETE:
          return run.recordStepCompleted(step, text, now);
        case STEP_FAIL:
          return run.recordStepFailed(step, text, now);
        case PRECHECK:
          return run.recordPrecheck(step, command.knob() % 4 != 0, text, now);
        case POSTCHECK:
          return run.recordPostcheck(step, command.knob() % 4 != 0, text, now);
        case SUCCEED:
          return run.succeed(now);
        case FAIL:
          return run.fail(text, Optional.empty(), now);
        default:
          throw new AssertionError("unexpected command " + command);
      }
    }

    /** Entering RUNNING: a confirming person with an operating role, and a satisfied policy. */
    private void checkStart(Actor confirmer, ExecutionRequestSnapshot after, AuditEvent event) {
      started = true;
      breakGlassStarted |= after.breakGlass().isPresent() && !after.policySatisfied();
      assertThat(event).isInstanceOf(ExecutionStarted.class);
      assertThat(confirmer.isPerson()).as("nothing runs unattended").isTrue();
      assertThat(confirmer.hasAnyRole(Set.of(Role.OPERATOR, Role.ADMIN, Role.BREAK_GLASS)))
          .isTrue();
      assertThat(after.confirmedBy()).contains(confirmer.id());
      if (!after.policy().confirmerMayBeApprover()) {
        assertThat(after.approvals()).extracting(Approval::actor).doesNotContain(confirmer.id());
      }
    }

    private void checkInvariants(ExecutionRequest request) {
      ExecutionRequestSnapshot s = request.snapshot();
      List<String> deciders = s.approvals().stream().map(Approval::actor).toList();
      assertThat(deciders).as("one decision per person").doesNotHaveDuplicates();
      assertThat(deciders).as("requester never decides").doesNotContain(s.createdBy());
      for (String decider : deciders) {
        assertThat(person(decider).hasRole(Role.APPROVER)).as("decider is an approver").isTrue();
      }
      assertThat(
              person(s.createdBy()).hasAnyRole(Set.of(Role.OPERATOR, Role.ADMIN, Role.BREAK_GLASS)))
          .isTrue();
      if (Set.of(ExecutionState.RUNNING, ExecutionState.SUCCEEDED, ExecutionState.FAILED)
          .contains(s.state())) {
        assertThat(s.policySatisfied() || s.breakGlass().isPresent())
            .as("ran with the policy satisfied or a break-glass")
            .isTrue();
        assertThat(s.confirmedBy()).as("ran only after a person confirmed").isPresent();
      }
      s.breakGlass()
          .ifPresent(
              used -> {
                assertThat(person(used.invokedBy()).hasRole(Role.BREAK_GLASS)).isTrue();
                used.review()
                    .ifPresent(
                        review ->
                            assertThat(review.reviewer())
                                .isNotEqualTo(used.invokedBy())
                                .isNotEqualTo(s.createdBy())
                                .isNotEqualTo(s.confirmedBy().orElse("")));
              });
      assertThat(s.version())
          .as("version counts the events")
          .isEqualTo(request.pendingEvents().size());
      for (ExecutionRequest other : requests) {
        if (other != request && other.state().isTerminal()) {
          assertThat(other.pendingEvents()).hasSize((int) other.version());
        }
      }
    }

    private Actor person(String id) {
      return people.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
  }
}
