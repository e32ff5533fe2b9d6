package io.continuity.server.web.ui;

import io.continuity.core.inventory.Resource;
import io.continuity.server.monitoring.StoredObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The data of a resource page's lag chart as JSON for uPlot: time (epoch seconds), replication lag
 * and heartbeat lag in seconds (null where not measured), and the warn and RPO lines. Holds only
 * numbers and nulls, so it can be written into the page as it is.
 */
final class LagChart {

  private LagChart() {}

  static String json(Resource resource, List<StoredObservation> newestFirst) {
    List<StoredObservation> points = new ArrayList<>(newestFirst);
    points.sort(Comparator.comparing(StoredObservation::observedAt));
    List<String> t = new ArrayList<>();
    List<String> lag = new ArrayList<>();
    List<String> heartbeat = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    List<String> rpo = new ArrayList<>();
    String warnSeconds = seconds(resource.rpo().warn());
    String rpoSeconds = seconds(resource.rpo().target());
    for (StoredObservation o : points) {
      t.add(number(o.observedAt().toEpochMilli() / 1000.0));
      lag.add(o.lagSeconds() == null ? "null" : number(o.lagSeconds()));
      heartbeat.add(
          o.heartbeatWrittenAt() == null
              ? "null"
              : seconds(Duration.between(o.heartbeatWrittenAt(), o.observedAt())));
      warn.add(warnSeconds);
      rpo.add(rpoSeconds);
    }
    return "{\"t\":"
        + t
        + ",\"lag\":"
        + lag
        + ",\"heartbeat\":"
        + heartbeat
        + ",\"warn\":"
        + warn
        + ",\"rpo\":"
        + rpo
        + "}";
  }

  private static String seconds(Duration d) {
    return number(Math.max(0, d.toMillis()) / 1000.0);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
