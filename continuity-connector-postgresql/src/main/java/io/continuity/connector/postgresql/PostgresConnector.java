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
import io.continuity.connector.support.MemberProber;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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
  private final HeldSessions held;
  private final Optional<HeartbeatTable> heartbeat;
  private final Clock clock;
  private final MemberProber members;

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
    StepSupport support =
        new StepSupport(
            settings, sessions, prober, new HostActions(settings, sanitizer), sanitizer);
    this.held = support.held;
    this.steps = new StepDispatcher(support);
    this.members = new MemberProber(config.resourceId(), sanitizer);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ProbeResult probe(Duration timeout) throws ConnectorException {
    Optional<HeartbeatRound> round = heartbeat.map(t -> new HeartbeatRound(t, timeout));
    AtomicReference<ConnectorException> refused = new AtomicReference<>();
    List<MemberProber.MemberAnswer<SiteReport>> answers =
        members.probeAll(
            settings.sites().stream().map(SiteSettings::asEndpoint).toList(),
            timeout,
            (site, member, deadline) -> prober.report(settings.site(site.name()), timeout, round),
            e -> {
              if (e instanceof ConnectorException ce) {
                refused.compareAndSet(null, ce);
              }
              return Connectivity.UNREACHABLE;
            });
    if (refused.get() != null) {
      throw refused.get();
    }
    Map<String, SiteObservation> observations = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Optional<HeartbeatRound.Seen> reading = Optional.empty();
    for (MemberProber.MemberAnswer<SiteReport> answer : answers) {
      String site = answer.site().name();
      SiteReport report =
          answer
              .value()
              .orElseGet(
                  () ->
                      new SiteReport(
                          SiteObservation.unreachable(
                              site,
                              answer.connectivity(),
                              answer.connectivity() == Connectivity.TIMED_OUT
                                  ? "no answer within the probe timeout " + timeout
                                  : "probe failed: " + answer.detail()),
                          Optional.empty(),
                          ""));
      SiteObservation o = report.observation();
      observations.put(site, o);
      if (!report.problem().isEmpty()) {
        notes.add(o.site() + ": " + report.problem());
      }
      if (report.heartbeat().isPresent() && o.isStandby()) {
        reading = report.heartbeat();
      }
    }
    return assembler.assemble(settings.sites(), observations, reading, notes, clock.instant());
  }

  @Override
  public OperationPlan plan(OperationRequest request) throws ConnectorException {
    String target = OperationRequests.requirePlannable(request, capabilities, config).name();
    return plans.plan(request.type(), target);
  }

  /**
   * A switchover or failback whose quiesce stopped the old primary cannot pass the ordinary
   * precheck (which wants a running primary): its roll-forward checks the quiesced state instead.
   * Any other operation is planned as usual.
   */
  @Override
  public OperationPlan planContinuation(OperationRequest request) throws ConnectorException {
    String target = OperationRequests.requirePlannable(request, capabilities, config).name();
    return switch (request.type()) {
      case SWITCHOVER, FAILBACK -> plans.continuation(request.type(), target);
      default -> plans.plan(request.type(), target);
    };
  }

  @Override
  public OperationPlan planResumePrimary(String site) throws ConnectorException {
    if (config.site(site).isEmpty()) {
      throw ConnectorException.permanent("'" + site + "' is not a site of " + config.resourceId());
    }
    String other =
        settings.sites().stream()
            .map(SiteSettings::name)
            .filter(n -> !n.equals(site))
            .findFirst()
            .orElseThrow();
    return plans.resumePrimary(site, other);
  }

  @Override
  public StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    return steps.run(step, context, timeout, config);
  }

  @Override
  public void close() {
    members.close();
    held.closeAll();
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
