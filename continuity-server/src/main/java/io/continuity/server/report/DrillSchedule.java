package io.continuity.server.report;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionWindow;
import io.continuity.server.execution.ExecutionTargetException;
import io.continuity.server.execution.ExecutionWindows;
import io.continuity.server.execution.NewExecutionRequest;
import io.continuity.server.monitoring.MonitoringStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * Recurring drill windows (decision 029): for each {@code
 * continuity.readiness.drill-schedule.<group>} cron expression, every fire time is a drill window
 * of {@code drill-window-length} (default 4 h) from that time. The drill request of an occurrence
 * is created {@code drill-schedule-lead} (default 7 days) ahead by {@code system:drill-schedule},
 * with the window, a reason naming the schedule and {@code drill-schedule-ticket} when one is
 * configured; its approvers are notified as for any request waiting for approval, and a person
 * still confirms it inside the window.
 *
 * <p>Checked every {@code continuity.readiness.drill-check-every} (default 1 h) on the instance
 * that probes. Each occurrence gets one request, whichever instance creates it and however often it
 * restarts: the store's unique occurrence key is the record, not memory. An occurrence whose window
 * is already open but has no request yet (the control plane was down) still gets one.
 */
@Service
public class DrillSchedule {

  /** At most this many occurrences of one schedule are created per check. */
  static final int MAX_PER_CHECK = 10;

  private static final Logger log = LoggerFactory.getLogger(DrillSchedule.class);

  private final ExecutionWindows windows;
  private final ReadinessProperties properties;
  private final MonitoringStatus monitoring;
  private final Clock clock;

  DrillSchedule(
      ExecutionWindows windows,
      ReadinessProperties properties,
      MonitoringStatus monitoring,
      Clock clock) {
    this.windows = windows;
    this.properties = properties;
    this.monitoring = monitoring;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "PT1M",
      fixedDelayString = "${continuity.readiness.drill-check-every:PT1H}")
  void scheduled() {
    try {
      if (monitoring.probesHere() && !properties.drillSchedule().isEmpty()) {
        List<ExecutionRequestSnapshot> created = createDue();
        if (!created.isEmpty()) {
          log.info("{} scheduled drill request(s) created", created.size());
        }
      }
    } catch (RuntimeException e) {
      log.error("Creating scheduled drills failed; will try again at the next check", e);
    }
  }

  /**
   * Creates the drill requests of every occurrence due now (its window opens within the lead, or is
   * open) that has none yet.
   *
   * @return the requests this call created
   */
  public List<ExecutionRequestSnapshot> createDue() {
    Instant now = clock.instant();
    List<ExecutionRequestSnapshot> created = new ArrayList<>();
    new TreeMap<>(properties.drillSchedule())
        .forEach((group, cron) -> created.addAll(createDue(group, cron.strip(), now)));
    return created;
  }

  private List<ExecutionRequestSnapshot> createDue(String group, String cron, Instant now) {
    List<ExecutionRequestSnapshot> created = new ArrayList<>();
    CronExpression expression = CronExpression.parse(cron);
    Instant horizon = now.plus(properties.drillScheduleLead());
    ZonedDateTime from =
        ZonedDateTime.ofInstant(now.minus(properties.drillWindowLength()), clock.getZone());
    for (int i = 0; i < MAX_PER_CHECK; i++) {
      ZonedDateTime fire = expression.next(from);
      if (fire == null || fire.toInstant().isAfter(horizon)) {
        break;
      }
      from = fire;
      Instant opens = fire.toInstant();
      ExecutionWindow window =
          new ExecutionWindow(opens, opens.plus(properties.drillWindowLength()));
      String occurrence = group + "@" + opens;
      try {
        windows.scheduleDrill(request(group, cron, window), occurrence).ifPresent(created::add);
      } catch (CommandRefusedException | ExecutionTargetException refused) {
        log.error(
            "The scheduled drill {} could not be requested (continuity.readiness.drill-schedule.{}):"
                + " {}",
            occurrence,
            group,
            refused.getMessage());
        break;
      }
    }
    return created;
  }

  private NewExecutionRequest request(String group, String cron, ExecutionWindow window) {
    return new NewExecutionRequest(
        OperationType.DRILL,
        ExecutionScope.group(group),
        Optional.empty(),
        Optional.ofNullable(properties.drillScheduleTicket()),
        "Scheduled drill of group "
            + group
            + " in the "
            + window.describe()
            + " (continuity.readiness.drill-schedule."
            + group
            + " = '"
            + cron
            + "')",
        Optional.of(window));
  }

  /** The configured schedules, group to cron expression. */
  Map<String, String> schedules() {
    return properties.drillSchedule();
  }
}
