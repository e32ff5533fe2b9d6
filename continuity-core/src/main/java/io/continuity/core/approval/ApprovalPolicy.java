package io.continuity.core.approval;

import io.continuity.connector.api.OperationType;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Who must agree before an execution may start, and for how long that agreement holds.
 *
 * <p>Defaults ({@link #defaults()}): tier 1 needs 2 distinct approvals, tier 2 needs 1; tier 1
 * FAILOVER, SWITCHOVER and FAILBACK need a change ticket (a DRILL does not); a request waits at
 * most 24 h for approvals and an approved request must start within 4 h; the confirmer may not be
 * one of the approvers; a change ticket only has to be non-blank unless a pattern is configured.
 * Build variants with the {@code with...} methods.
 *
 * @param approvalsRequired distinct approvals per tier; every tier must be present
 * @param changeTicketRequired per tier, the operation types that need a change ticket
 * @param pendingApprovalTtl how long a request may wait for approvals
 * @param approvedNotStartedTtl how long an approved request may wait to be started
 * @param confirmerMayBeApprover whether an approver may also confirm the start
 * @param changeTicketPattern optional regular expression a change ticket must match as a whole (for
 *     example {@code CHG[0-9]{6}})
 */
public record ApprovalPolicy(
    Map<Tier, Integer> approvalsRequired,
    Map<Tier, Set<OperationType>> changeTicketRequired,
    Duration pendingApprovalTtl,
    Duration approvedNotStartedTtl,
    boolean confirmerMayBeApprover,
    Optional<String> changeTicketPattern) {

  /** More approvals than this is a configuration mistake, not a policy. */
  public static final int MAX_APPROVALS = 10;

  public ApprovalPolicy {
    Objects.requireNonNull(approvalsRequired, "approvalsRequired");
    Objects.requireNonNull(changeTicketRequired, "changeTicketRequired");
    Objects.requireNonNull(pendingApprovalTtl, "pendingApprovalTtl");
    Objects.requireNonNull(approvedNotStartedTtl, "approvedNotStartedTtl");
    Objects.requireNonNull(changeTicketPattern, "changeTicketPattern");
    for (Tier tier : Tier.values()) {
      Integer count = approvalsRequired.get(tier);
      if (count == null) {
        throw new IllegalArgumentException(
            "approval policy must say how many approvals tier " + tier.number() + " needs");
      }
      if (count < 0 || count > MAX_APPROVALS) {
        throw new IllegalArgumentException(
            "tier "
                + tier.number()
                + " approvals required must be between 0 and "
                + MAX_APPROVALS
                + ", not "
                + count);
      }
    }
    approvalsRequired = Collections.unmodifiableMap(new EnumMap<>(approvalsRequired));
    EnumMap<Tier, Set<OperationType>> tickets = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      Set<OperationType> types = changeTicketRequired.getOrDefault(tier, Set.of());
      tickets.put(
          tier, types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types)));
    }
    changeTicketRequired = Collections.unmodifiableMap(tickets);
    requirePositive("pendingApprovalTtl", pendingApprovalTtl);
    requirePositive("approvedNotStartedTtl", approvedNotStartedTtl);
    changeTicketPattern.ifPresent(ApprovalPolicy::compile);
  }

  /** The defaults described on this type. */
  public static ApprovalPolicy defaults() {
    Map<Tier, Integer> approvals = new EnumMap<>(Tier.class);
    approvals.put(Tier.TIER_1, 2);
    approvals.put(Tier.TIER_2, 1);
    Map<Tier, Set<OperationType>> tickets = new EnumMap<>(Tier.class);
    tickets.put(
        Tier.TIER_1,
        EnumSet.of(OperationType.FAILOVER, OperationType.SWITCHOVER, OperationType.FAILBACK));
    tickets.put(Tier.TIER_2, EnumSet.noneOf(OperationType.class));
    return new ApprovalPolicy(
        approvals, tickets, Duration.ofHours(24), Duration.ofHours(4), false, Optional.empty());
  }

  /** Distinct approvals a request of this tier needs. */
  public int approvalsRequired(Tier tier) {
    return approvalsRequired.get(tier);
  }

  /** Whether a request of this tier and type needs a change ticket. */
  public boolean changeTicketRequired(Tier tier, OperationType type) {
    return changeTicketRequired.get(tier).contains(type);
  }

  /**
   * What is wrong with this change ticket for a request of this tier and type, if anything: the
   * rule broken and a message that says what to supply.
   */
  public Optional<TicketProblem> changeTicketProblem(
      Tier tier, OperationType type, Optional<String> ticket) {
    Objects.requireNonNull(ticket, "ticket");
    boolean blank = ticket.isEmpty() || ticket.get().isBlank();
    if (blank) {
      return changeTicketRequired(tier, type)
          ? Optional.of(
              new TicketProblem(
                  RefusalRule.CHANGE_TICKET_REQUIRED,
                  "a change ticket is required for tier "
                      + tier.number()
                      + " "
                      + type
                      + ": add the change ticket reference"))
          : Optional.empty();
    }
    if (changeTicketPattern.isPresent()
        && !compile(changeTicketPattern.get()).matcher(ticket.get()).matches()) {
      return Optional.of(
          new TicketProblem(
              RefusalRule.CHANGE_TICKET_FORMAT,
              "change ticket '"
                  + ticket.get()
                  + "' must match "
                  + changeTicketPattern.get()
                  + ": use the ticket number from the change system"));
    }
    return Optional.empty();
  }

  /** This policy, frozen for one request of this tier and type. */
  public AppliedPolicy forRequest(Tier tier, OperationType type) {
    Objects.requireNonNull(type, "type");
    return new AppliedPolicy(
        approvalsRequired(tier), pendingApprovalTtl, approvedNotStartedTtl, confirmerMayBeApprover);
  }

  public ApprovalPolicy withApprovalsRequired(Tier tier, int count) {
    Map<Tier, Integer> approvals = new EnumMap<>(approvalsRequired);
    approvals.put(tier, count);
    return new ApprovalPolicy(
        approvals,
        changeTicketRequired,
        pendingApprovalTtl,
        approvedNotStartedTtl,
        confirmerMayBeApprover,
        changeTicketPattern);
  }

  public ApprovalPolicy withChangeTicketRequired(Tier tier, Set<OperationType> types) {
    Map<Tier, Set<OperationType>> tickets = new EnumMap<>(changeTicketRequired);
    tickets.put(tier, types);
    return new ApprovalPolicy(
        approvalsRequired,
        tickets,
        pendingApprovalTtl,
        approvedNotStartedTtl,
        confirmerMayBeApprover,
        changeTicketPattern);
  }

  public ApprovalPolicy withPendingApprovalTtl(Duration ttl) {
    return new ApprovalPolicy(
        approvalsRequired,
        changeTicketRequired,
        ttl,
        approvedNotStartedTtl,
        confirmerMayBeApprover,
        changeTicketPattern);
  }

  public ApprovalPolicy withApprovedNotStartedTtl(Duration ttl) {
    return new ApprovalPolicy(
        approvalsRequired,
        changeTicketRequired,
        pendingApprovalTtl,
        ttl,
        confirmerMayBeApprover,
        changeTicketPattern);
  }

  public ApprovalPolicy withConfirmerMayBeApprover(boolean allowed) {
    return new ApprovalPolicy(
        approvalsRequired,
        changeTicketRequired,
        pendingApprovalTtl,
        approvedNotStartedTtl,
        allowed,
        changeTicketPattern);
  }

  /** A policy whose change tickets must match this regular expression as a whole. */
  public ApprovalPolicy withChangeTicketPattern(String regex) {
    return new ApprovalPolicy(
        approvalsRequired,
        changeTicketRequired,
        pendingApprovalTtl,
        approvedNotStartedTtl,
        confirmerMayBeApprover,
        Optional.of(regex));
  }

  /**
   * A change ticket the policy does not accept.
   *
   * @param rule {@link RefusalRule#CHANGE_TICKET_REQUIRED} or {@link
   *     RefusalRule#CHANGE_TICKET_FORMAT}
   * @param message what to supply
   */
  public record TicketProblem(RefusalRule rule, String message) {}

  static void requirePositive(String name, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, not " + duration);
    }
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "change ticket pattern '" + regex + "' is not a valid regular expression", e);
    }
  }
}
