package io.continuity.connector.postgresql;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationRequests;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.postgresql.SiteProber.SiteReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connector to one PostgreSQL primary and its streaming standby. Probes look at both sites in
 * parallel, each with its own connect and statement timeouts, and hand back within the probe's
 * timeout whatever answered; operations are plans of named steps ({@link PostgresPlans}) run one at
 * a time by {@link #execute}.
 */
public final class PostgresConnector implements Connector {

  private final ConnectorConfig config;
  private final PostgresSettings settings;
  private final Capabilities capabilities;
  private final PayloadSanitizer sanitizer;
  private final SiteProber prober;
  private final ProbeAssembler assembler;
  private final PostgresPlans plans;
  private final StepDispatcher steps;
  private final Optional<HeartbeatTable> heartbeat;
  private final Clock clock;
  private final ExecutorService executor;

  PostgresConnector(ConnectorConfig config, PostgresSettings settings, Clock clock) {
    this.config = config;
    this.settings = settings;
    this.clock = clock;
    this.sanitizer = config.sanitizer();
    this.capabilities = PostgresCapabilities.of(settings);
    Sessions sessions = new Sessions(config, settings);
    this.prober = new SiteProber(sessions, sanitizer);
    this.assembler = new ProbeAssembler(sanitizer);
    this.plans = new PostgresPlans(settings);
    this.heartbeat =
        settings.heartbeatTable().map(t -> new HeartbeatTable(t, settings.heartbeatInterval()));
    this.steps =
        new StepDispatcher(
            new StepSupport(
                settings, sessions, prober, new HostActions(settings, sanitizer), sanitizer));
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "continuity-pg-" + config.resourceId());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, Future<SiteReport>> futures = new LinkedHashMap<>();
    Optional<HeartbeatRound> round = heartbeat.map(t -> new HeartbeatRound(t, timeout));
    for (SiteSettings site : settings.sites()) {
      futures.put(site.name(), executor.submit(() -> prober.report(site, timeout, round)));
    }
    Map<String, SiteObservation> observations = new LinkedHashMap<>();
    Map<String, SiteReport> reports = new LinkedHashMap<>();
    for (Map.Entry<String, Future<SiteReport>> e : futures.entrySet()) {
      SiteReport report = await(e.getKey(), e.getValue(), deadline, timeout);
      reports.put(e.getKey(), report);
      observations.put(e.getKey(), report.observation());
    }
    List<String> notes = new ArrayList<>();
    Optional<HeartbeatRound.Seen> reading = Optional.empty();
    for (SiteReport report : reports.values()) {
      SiteObservation o = report.observation();
      if (!report.problem().isEmpty()) {
        notes.add(o.site() + ": " + report.problem());
      }
      if (report.heartbeat().isPresent() && o.isStandby()) {
        reading = report.heartbeat();
      }
    }
    return assembler.assemble(settings.sites(), observations, reading, notes, clock.instant());
  }

  private SiteReport await(
      String site, Future<SiteReport> future, Instant deadline, Duration timeout)
      throws ConnectorException {
    long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
    try {
      return future.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new SiteReport(
          SiteObservation.unreachable(
              site, Connectivity.TIMED_OUT, "no answer within the probe timeout " + timeout),
          Optional.empty(),
          "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable("probe of " + config.resourceId() + " interrupted", null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConnectorException ce) {
        throw ce;
      }
      return new SiteReport(
          SiteObservation.unreachable(
              site,
              Connectivity.UNREACHABLE,
              sanitizer.sanitizeText(
                  "probe failed: "
                      + e.getCause().getClass().getSimpleName()
                      + ": "
                      + e.getCause().getMessage())),
          Optional.empty(),
          "");
    }
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    String target = OperationRequests.requirePlannable(request, capabilities, config).name();
    return plans.plan(request.type(), target);
  }

  @Override
  public StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    if (context.plan().step(step.id()).isEmpty()) {
      throw ConnectorException.permanent(
          "step '" + step.id() + "' is not part of the plan in the context: run steps of one plan");
    }
    if (config.site(context.plan().targetSite()).isEmpty()) {
      throw ConnectorException.permanent(
          "the plan's target site is not a site of " + config.resourceId());
    }
    return steps.run(step, context, StepSupport.limit(step.timeout(), timeout));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "PostgresConnector["
        + config.resourceId()
        + ", "
        + settings.sites().stream().map(s -> s.name() + "=" + s.host() + ":" + s.port()).toList()
        + "]";
  }
}
