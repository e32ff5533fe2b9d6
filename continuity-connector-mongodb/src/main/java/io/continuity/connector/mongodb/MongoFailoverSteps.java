package io.continuity.connector.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.mongodb.MongoSteps.Sites;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.HostActionEndpoint;
import io.continuity.connector.support.HostActionRunner;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The failover steps of the MongoDB plans (brief §1.5): fence the old primary site, capture the
 * markers, force a reconfig on the DR survivors, and state the loss evidence. Shares the member
 * reads and result helpers of {@link MongoSteps}.
 */
final class MongoFailoverSteps {

  private final MongoSteps s;

  MongoFailoverSteps(MongoSteps steps) {
    this.s = steps;
  }

  StepResult fence(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = s.sites(context);
    Map<String, String> facts = new LinkedHashMap<>();
    MongoSteps.recordSourcePrimary(s.observe(Duration.ofSeconds(5)), sites, facts);
    String command =
        s.settings
            .action(sites.source(), "fence")
            .orElseThrow(
                () ->
                    ConnectorException.notStarted(
                        "site " + sites.source().name() + " has no 'action.fence'", false, null));
    MemberEndpoint first = sites.source().members().get(0);
    HostActionRunner.Outcome outcome =
        s.hostActions.run(
            "fence",
            command,
            new HostActionEndpoint(sites.source().name(), first.host(), first.port()),
            new HostActionEndpoint(
                sites.target().name(), sites.member().host(), sites.member().port()),
            context.executionId(),
            MongoSteps.min(s.settings.actionTimeout(), timeout));
    if (!outcome.succeeded()) {
      return s.failed(
          "fence action of "
              + sites.source().name()
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output(),
          facts);
    }
    Deadline deadline = Deadline.in(Duration.ofSeconds(5));
    Optional<String> fenced =
        deadline.pollUntil(
            Duration.ofMillis(200),
            () -> {
              List<String> writable =
                  s.observe(Duration.ofSeconds(3)).stream()
                      .filter(a -> a.site().name().equals(sites.source().name()))
                      .flatMap(a -> a.value().stream())
                      .filter(MemberView::writablePrimary)
                      .map(MemberView::member)
                      .toList();
              return writable.isEmpty() ? Optional.of("none") : Optional.empty();
            });
    if (fenced.isEmpty()) {
      return s.failed(
          "a member of "
              + sites.source().name()
              + " still answers as primary after its fence action;"
              + " a forced reconfig now would make two primaries:\n"
              + outcome.output(),
          facts);
    }
    return s.succeeded(
        "no member of " + sites.source().name() + " takes writes\n" + outcome.output(), facts);
  }

  StepResult captureMarkers(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = s.sites(context);
    List<MemberAnswer<MemberView>> answers = s.observe(timeout);
    Optional<MemberView> target = MongoSteps.view(answers, sites.member().name());
    Optional<OpTime> reached = target.flatMap(MemberView::appliedPosition);
    if (reached.isEmpty()) {
      return s.failed(sites.member().name() + " reports no applied optime", Map.of());
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(MongoSteps.TARGET_OPTIME, reached.get().value());
    target.flatMap(MemberView::durable).ifPresent(d -> facts.put("targetDurableOpTime", d.value()));
    LossEvidence loss = failoverEvidence(context, reached.get());
    facts.put(MongoSteps.CONCLUSION, loss.conclusion().name());
    facts.put(MongoSteps.EVIDENCE, loss.statement());
    return new StepResult(
            StepOutcome.SUCCEEDED, loss.statement(), facts, Optional.of(reached.get().marker()))
        .withLoss(loss);
  }

  StepResult promoteByForce(StepContext context, Duration timeout) throws ConnectorException {
    Sites sites = s.sites(context);
    List<MemberAnswer<MemberView>> answers = s.observe(timeout);
    Optional<MemberView> target = MongoSteps.view(answers, sites.member().name());
    if (target.isEmpty()) {
      throw ConnectorException.notStarted(sites.member().name() + " does not answer", true, null);
    }
    if (target.get().writablePrimary()) {
      OpTime reached =
          context
              .fact(MongoSteps.TARGET_OPTIME)
              .flatMap(OpTime::parse)
              .or(() -> target.get().appliedPosition())
              .orElseThrow();
      LossEvidence loss = failoverEvidence(context, reached);
      return s.succeeded(
              target.get().member() + " is already primary (a re-run)\n" + loss.statement())
          .withLoss(loss);
    }
    List<String> writable =
        answers.stream()
            .flatMap(a -> a.value().stream())
            .filter(MemberView::writablePrimary)
            .map(MemberView::member)
            .toList();
    if (!writable.isEmpty()) {
      return s.failed(
          "REFUSED: "
              + writable
              + " still take writes; MongoDB: never force a reconfig while there is a"
              + " primary. Nothing was changed",
          Map.of());
    }
    OpTime reached =
        target
            .get()
            .appliedPosition()
            .orElseThrow(
                () -> ConnectorException.notStarted("the target reports no optime", true, null));
    MemberEndpoint endpoint = sites.member();
    Document config;
    try {
      config =
          s.clients
              .run(endpoint, "admin", new Document("replSetGetConfig", 1), Duration.ofSeconds(10))
              .get("config", Document.class);
    } catch (MongoException e) {
      throw MongoFailures.forStep("replSetGetConfig", endpoint.name(), e, s.sanitizer);
    }
    List<String> survivors =
        answers.stream()
            .filter(a -> a.site().name().equals(sites.target().name()))
            .flatMap(a -> a.value().stream())
            .flatMap(v -> v.me().stream())
            .toList();
    String targetHost = target.get().me().orElseThrow();
    List<Document> kept = new ArrayList<>();
    for (Object o : config.getList("members", Object.class)) {
      Document m = (Document) o;
      String host = m.getString("host");
      if (survivors.contains(host)) {
        if (host.equals(targetHost)) {
          Object priority = m.get("priority");
          if (!(priority instanceof Number n) || n.doubleValue() < 1) {
            m.put("priority", 1);
          }
          m.put("votes", 1);
        }
        kept.add(m);
      }
    }
    config.put("members", kept);
    config.put("version", ((Number) config.get("version")).intValue() + 1);
    try {
      s.clients.run(
          endpoint,
          "admin",
          new Document("replSetReconfig", config).append("force", true),
          Duration.ofSeconds(30));
    } catch (MongoCommandException e) {
      return s.failed(
          "REFUSED by MongoDB: " + MongoFailures.describe(e) + "; nothing was changed", Map.of());
    } catch (MongoException e) {
      throw MongoFailures.forStep("replSetReconfig force", endpoint.name(), e, s.sanitizer);
    }
    Deadline deadline = Deadline.in(MongoSteps.min(s.settings.promoteTimeout(), timeout));
    Optional<MemberView> promoted =
        deadline.pollUntil(
            MongoSteps.POLL,
            () ->
                MongoSteps.view(s.observe(Duration.ofSeconds(5)), endpoint.name())
                    .filter(MemberView::writablePrimary));
    LossEvidence loss = failoverEvidence(context, reached);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(MongoSteps.TARGET_OPTIME, reached.value());
    facts.put(MongoSteps.CONCLUSION, loss.conclusion().name());
    facts.put(MongoSteps.EVIDENCE, loss.statement());
    if (promoted.isEmpty()) {
      return new StepResult(
              StepOutcome.FAILED,
              "the forced config (members "
                  + survivors
                  + ") was applied on "
                  + endpoint.name()
                  + " but it did not become primary within "
                  + s.settings.promoteTimeout(),
              facts,
              Optional.of(reached.marker()))
          .withLoss(loss);
    }
    return new StepResult(
            StepOutcome.SUCCEEDED,
            endpoint.name()
                + " is primary with the forced config (members "
                + survivors
                + ")\n"
                + loss.statement(),
            facts,
            Optional.of(reached.marker()))
        .withLoss(loss);
  }

  /** The loss evidence of a failover whose target reached {@code reached}. */
  private LossEvidence failoverEvidence(StepContext context, OpTime reached)
      throws ConnectorException {
    Optional<ObservedMarker> monitored =
        context.lastPrimaryMarker().filter(m -> OpTime.of(m.marker()).isPresent());
    Optional<OpTime> recorded = context.fact(MongoSteps.PRIMARY_OPTIME).flatMap(OpTime::parse);
    Optional<Instant> recordedAt = context.fact(MongoSteps.PRIMARY_SEEN_AT).map(Instant::parse);
    Optional<ObservedMarker> byRun =
        recorded.isPresent() && recordedAt.isPresent()
            ? Optional.of(
                new ObservedMarker(
                    s.sites(context).source().name(), recorded.get().marker(), recordedAt.get()))
            : Optional.empty();
    boolean monitoringIsLater =
        monitored.isPresent()
            && (byRun.isEmpty() || monitored.get().marker().hasReached(byRun.get().marker()));
    return monitoringIsLater
        ? Evidence.failover(reached, monitored, "monitoring", Optional.empty())
        : Evidence.failover(reached, byRun, "this run, before fencing", Optional.empty());
  }
}
