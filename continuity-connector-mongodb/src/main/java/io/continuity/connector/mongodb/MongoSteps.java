package io.continuity.connector.mongodb;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.HostActionRunner;
import io.continuity.connector.support.MemberProber;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The MongoDB plans' prechecks, drill and check steps, and what every step shares: reading the set
 * afresh on every member (roles are discovered, never assumed), the plan's sites and result
 * helpers. The switchover steps are {@link MongoSwitchoverSteps}, the failover steps {@link
 * MongoFailoverSteps}; the step that changes roles re-checks its own gate.
 */
final class MongoSteps {

  static final String SOURCE = "source";
  static final String TARGET = "target";
  static final String TARGET_MEMBER = "targetMember";
  static final String PRIMARY_MEMBER = "primaryMember";
  static final String PRIMARY_OPTIME = "primaryOpTime";
  static final String PRIMARY_SEEN_AT = "primaryOpTimeSeenAt";
  static final String TARGET_OPTIME = "targetOpTime";
  static final String FINAL_OPTIME = "finalPrimaryOpTime";
  static final String FROZEN = "frozenMembers";
  static final String CONCLUSION = "conclusion";
  static final String EVIDENCE = "evidence";

  static final Duration POLL = Duration.ofMillis(100);
  static final int LOCK_TIMEOUT = 24;

  final MongoSettings settings;
  final MemberClients clients;
  final MemberProber prober;
  final PayloadSanitizer sanitizer;
  final HostActionRunner hostActions;

  MongoSteps(
      MongoSettings settings,
      MemberClients clients,
      MemberProber prober,
      PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.clients = clients;
    this.prober = prober;
    this.sanitizer = sanitizer;
    this.hostActions = new HostActionRunner(settings.resourceId(), sanitizer);
  }

  /** The plan's sites: the target, the other one (the source), and the member to promote. */
  record Sites(SiteEndpoint source, SiteEndpoint target, MemberEndpoint member) {}

  Sites sites(StepContext context) throws ConnectorException {
    SiteEndpoint target = settings.site(context.plan().targetSite());
    return new Sites(settings.otherSite(target), target, settings.targetOf(target));
  }

  List<MemberAnswer<MemberView>> observe(Duration timeout) {
    Duration bounded =
        timeout.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : timeout;
    return prober.probeAll(
        settings.config(),
        bounded,
        (site, member, deadline) ->
            MemberView.read(clients, site.name(), member, settings.replicaSet(), deadline),
        MongoFailures::connectivity);
  }

  static Optional<MemberView> view(List<MemberAnswer<MemberView>> answers, String member) {
    return answers.stream()
        .filter(a -> a.member().name().equals(member))
        .flatMap(a -> a.value().stream())
        .findFirst();
  }

  MemberEndpoint endpoint(String member) {
    return settings.sites().stream()
        .flatMap(s -> s.members().stream())
        .filter(m -> m.name().equals(member))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no configured member " + member));
  }

  /** The configured member that answered as {@code host} (its replica-set name). */
  static Optional<MemberAnswer<MemberView>> byHost(
      List<MemberAnswer<MemberView>> answers, String host) {
    return answers.stream()
        .filter(a -> a.value().flatMap(MemberView::me).map(host::equals).orElse(false))
        .findFirst();
  }

  // ------------------------------------------------------------------ prechecks

  StepResult precheckReplication(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = sites(context);
    List<MemberAnswer<MemberView>> answers = observe(timeout);
    ProbeAssembler.Topology topology = ProbeAssembler.topology(settings, answers);
    Map<String, String> facts = baseFacts(sites);
    if (topology.primaries() != 1) {
      return failed(
          "precheck failed: " + topology.primaries() + " members answer as primary; one is needed",
          facts);
    }
    MemberView primary = topology.primary().get();
    if (!primary.site().equals(sites.source().name())) {
      return failed(
          "precheck failed: the primary "
              + primary.member()
              + " is in "
              + primary.site()
              + ", not in "
              + sites.source().name(),
          facts);
    }
    Optional<MemberView> target = view(answers, sites.member().name());
    if (target.isEmpty()) {
      return failed("precheck failed: " + sites.member().name() + " does not answer", facts);
    }
    MemberView t = target.get();
    if (t.myState() != MemberView.STATE_SECONDARY) {
      return failed(
          "precheck failed: " + t.member() + " is " + t.stateName() + ", not SECONDARY", facts);
    }
    OpTime primaryAt = primary.position().orElse(null);
    OpTime targetAt = t.appliedPosition().orElse(null);
    if (primaryAt == null || targetAt == null) {
      return failed(
          "precheck failed: an optime is missing (primary "
              + primaryAt
              + ", target "
              + targetAt
              + ")",
          facts);
    }
    facts.put(PRIMARY_MEMBER, primary.member());
    facts.put(PRIMARY_OPTIME, primaryAt.value());
    facts.put(PRIMARY_SEEN_AT, Instant.now().toString());
    facts.put(TARGET_OPTIME, targetAt.value());
    if (context.plan().type() != OperationType.DRILL) {
      Optional<String> lacking =
          Privileges.missing(clients, sites.member(), java.util.Set.of(Privileges.STATE_CHANGE));
      if (lacking.isPresent()) {
        return failed("precheck failed: " + lacking.get(), facts);
      }
    }
    if (context.plan().type() == OperationType.DRILL) {
      return succeeded(
          primary.member()
              + " is primary at "
              + primaryAt
              + "; "
              + t.member()
              + " is SECONDARY at "
              + targetAt,
          facts);
    }
    Optional<MemberView.ConfigView> config = primary.config();
    Optional<MemberView.ConfMember> conf = config.flatMap(c -> t.me().flatMap(c::member));
    if (conf.isEmpty()) {
      return failed(
          "precheck failed: " + t.member() + " is not in the primary's replica-set config", facts);
    }
    if (!conf.get().electable()) {
      return failed(
          "precheck failed: "
              + t.member()
              + " cannot be elected (priority "
              + conf.get().priority()
              + ", votes "
              + conf.get().votes()
              + ", hidden "
              + conf.get().hidden()
              + ", secondaryDelaySecs "
              + conf.get().secondaryDelaySecs()
              + ")",
          facts);
    }
    double highest =
        config.get().members().stream()
            .filter(m -> !m.host().equals(conf.get().host()) && m.electable())
            .mapToDouble(MemberView.ConfMember::priority)
            .max()
            .orElse(0);
    if (highest > conf.get().priority()) {
      return failed(
          "precheck failed: "
              + t.member()
              + " has priority "
              + conf.get().priority()
              + " but another electable member has "
              + highest
              + ": it would take the primary back once unfrozen. Raise the target's priority with a"
              + " normal replSetReconfig first",
          facts);
    }
    Duration lag = ProbeAssembler.lag(primaryAt, targetAt);
    if (lag.compareTo(settings.maxSwitchoverLag()) > 0) {
      return failed(
          "precheck failed: "
              + t.member()
              + " is "
              + lag.toMillis()
              + " ms behind (maxSwitchoverLag "
              + settings.maxSwitchoverLag()
              + ")",
          facts);
    }
    List<String> unhealthy =
        primary.statusMembers().stream()
            .filter(m -> !m.healthy())
            .map(MemberView.StatusMember::name)
            .toList();
    long voters = config.get().members().stream().filter(m -> m.votes() > 0).count();
    long healthyVoters =
        config.get().members().stream()
            .filter(m -> m.votes() > 0 && !unhealthy.contains(m.host()))
            .count();
    if (healthyVoters < voters / 2 + 1) {
      return failed("precheck failed: no healthy majority (unhealthy: " + unhealthy + ")", facts);
    }
    for (MemberView.ConfMember other : config.get().members()) {
      if (other.electable()
          && !other.host().equals(conf.get().host())
          && !primary.me().map(other.host()::equals).orElse(false)
          && byHost(answers, other.host()).isEmpty()) {
        return failed(
            "precheck failed: electable member "
                + other.host()
                + " is not an answering member of the inventory, so it cannot be frozen and could win"
                + " the election",
            facts);
      }
    }
    return succeeded(
        primary.member()
            + " is primary at "
            + primaryAt
            + "; "
            + t.member()
            + " is SECONDARY at "
            + targetAt
            + ", "
            + lag.toMillis()
            + " ms behind, electable (priority "
            + conf.get().priority()
            + ")"
            + (unhealthy.isEmpty() ? "" : "; not healthy: " + unhealthy),
        facts);
  }

  StepResult precheckTarget(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = sites(context);
    List<MemberAnswer<MemberView>> answers = observe(timeout);
    Map<String, String> facts = baseFacts(sites);
    Optional<MemberView> target = view(answers, sites.member().name());
    if (target.isEmpty()) {
      return failed("precheck failed: " + sites.member().name() + " does not answer", facts);
    }
    MemberView t = target.get();
    if (t.writablePrimary()) {
      return failed("precheck failed: " + t.member() + " is already primary", facts);
    }
    if (t.myState() != MemberView.STATE_SECONDARY) {
      return failed(
          "precheck failed: " + t.member() + " is " + t.stateName() + ", not SECONDARY", facts);
    }
    Optional<String> lacking =
        Privileges.missing(clients, sites.member(), java.util.Set.of(Privileges.CONFIGURE));
    if (lacking.isPresent()) {
      return failed("precheck failed: " + lacking.get(), facts);
    }
    recordSourcePrimary(answers, sites, facts);
    t.appliedPosition().ifPresent(o -> facts.put(TARGET_OPTIME, o.value()));
    boolean sourceUp =
        answers.stream()
            .anyMatch(a -> a.site().name().equals(sites.source().name()) && a.answered());
    return succeeded(
        t.member()
            + " is SECONDARY at "
            + t.appliedPosition().map(OpTime::value).orElse("?")
            + "; "
            + sites.source().name()
            + (sourceUp ? " still answers (it will be fenced)" : " does not answer"),
        facts);
  }

  // ------------------------------------------------------------------ drill and checks

  StepResult validateReads(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = sites(context);
    try {
      Document first =
          clients
              .database(
                  sites.member(), settings.drillDatabase(), min(timeout, Duration.ofSeconds(10)))
              .getCollection(settings.drillCollection())
              .find()
              .limit(1)
              .first();
      return succeeded(
          "read "
              + settings.drillDatabase()
              + "."
              + settings.drillCollection()
              + " on "
              + sites.member().name()
              + ": "
              + (first == null ? "no document" : "one document"));
    } catch (MongoException e) {
      return failed(
          "read on "
              + sites.member().name()
              + " failed: "
              + sanitizer.sanitizeText(MongoFailures.describe(e)),
          Map.of());
    }
  }

  StepResult observeReplay(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = sites(context);
    List<MemberAnswer<MemberView>> before = observe(Duration.ofSeconds(5));
    Optional<OpTime> primaryBefore =
        ProbeAssembler.topology(settings, before).primary().flatMap(MemberView::position);
    Optional<OpTime> targetBefore =
        view(before, sites.member().name()).flatMap(MemberView::appliedPosition);
    Deadline.sleep(settings.drillWindow());
    List<MemberAnswer<MemberView>> after = observe(Duration.ofSeconds(5));
    Optional<OpTime> targetAfter =
        view(after, sites.member().name()).flatMap(MemberView::appliedPosition);
    if (primaryBefore.isEmpty() || targetBefore.isEmpty() || targetAfter.isEmpty()) {
      return failed(
          "an optime is missing (primary "
              + primaryBefore
              + ", target "
              + targetBefore
              + " → "
              + targetAfter
              + ")",
          Map.of());
    }
    if (!targetAfter.get().hasReached(primaryBefore.get())) {
      return failed(
          sites.member().name()
              + " went from "
              + targetBefore.get()
              + " to "
              + targetAfter.get()
              + " in "
              + settings.drillWindow()
              + " but did not reach the primary's "
              + primaryBefore.get(),
          Map.of());
    }
    return succeeded(
        sites.member().name()
            + " applied "
            + targetBefore.get()
            + " → "
            + targetAfter.get()
            + " in "
            + settings.drillWindow()
            + ", at or past the primary's "
            + primaryBefore.get()
            + " from the start");
  }

  StepResult verifyWrites(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = sites(context);
    try {
      clients
          .database(
              sites.member(), settings.writeCheckDatabase(), min(timeout, Duration.ofSeconds(20)))
          .withWriteConcern(WriteConcern.MAJORITY)
          .getCollection(settings.writeCheckCollection())
          .insertOne(
              new Document("execution", context.executionId())
                  .append("writtenAt", java.util.Date.from(Instant.now()))
                  .append("member", sites.member().name()));
      return succeeded(sites.member().name() + " committed a write with writeConcern majority");
    } catch (MongoException e) {
      return failed(
          sites.member().name()
              + " did not commit a majority write: "
              + sanitizer.sanitizeText(MongoFailures.describe(e)),
          Map.of());
    }
  }

  StepResult postcheckRoles(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = sites(context);
    List<MemberAnswer<MemberView>> answers = observe(timeout);
    ProbeAssembler.Topology topology = ProbeAssembler.topology(settings, answers);
    if (topology.primaries() != 1) {
      return failed(topology.primaries() + " members answer as primary", Map.of());
    }
    MemberView primary = topology.primary().get();
    if (context.plan().type() == OperationType.DRILL) {
      return primary.site().equals(sites.source().name())
          ? succeeded(primary.member() + " in " + primary.site() + " is still the primary")
          : failed("the primary moved to " + primary.member() + " during a drill", Map.of());
    }
    if (!primary.member().equals(sites.member().name())) {
      return failed(
          "the primary is " + primary.member() + ", not " + sites.member().name(), Map.of());
    }
    return succeeded(primary.member() + " in " + sites.target().name() + " is the only primary");
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, String> baseFacts(Sites sites) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(SOURCE, sites.source().name());
    facts.put(TARGET, sites.target().name());
    facts.put(TARGET_MEMBER, sites.member().name());
    return facts;
  }

  StepResult succeeded(String output) {
    return StepResult.succeeded(sanitizer.sanitizeText(output));
  }

  StepResult succeeded(String output, Map<String, String> facts) {
    return StepResult.succeeded(sanitizer.sanitizeText(output), facts);
  }

  StepResult failed(String output, Map<String, String> facts) {
    return new StepResult(
        StepOutcome.FAILED, sanitizer.sanitizeText(output), facts, Optional.empty());
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Records where this run saw the source's primary (its optime and when). */
  static void recordSourcePrimary(
      List<MemberAnswer<MemberView>> answers, Sites sites, Map<String, String> facts) {
    answers.stream()
        .filter(a -> a.site().name().equals(sites.source().name()))
        .flatMap(a -> a.value().stream())
        .filter(MemberView::writablePrimary)
        .flatMap(v -> v.position().stream())
        .max(OpTime::compareTo)
        .ifPresent(
            o -> {
              facts.put(PRIMARY_OPTIME, o.value());
              facts.put(PRIMARY_SEEN_AT, Instant.now().toString());
            });
  }
}
