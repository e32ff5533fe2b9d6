package io.continuity.server.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code prober} detail of {@code /actuator/health}: whether this instance probes or follows
 * (and whom), and its last take-over with how long the estate was without a prober. Always UP: a
 * follower is as healthy as the prober, and a lapse is what the take-over fixes.
 */
final class ProberHealth implements HealthIndicator {

  private final ProbeLeadership leadership;
  private final ProberTakeovers takeovers;

  ProberHealth(ProbeLeadership leadership, ProberTakeovers takeovers) {
    this.leadership = leadership;
    this.takeovers = takeovers;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up().withDetail("instance", leadership.owner());
    OptionalLong token = leadership.token();
    if (token.isPresent()) {
      health.withDetail("role", "prober");
      health.withDetail("fencingToken", token.getAsLong());
    } else {
      health.withDetail("role", "follower");
      leadership
          .heldByOther()
          .ifPresent(
              lease -> {
                health.withDetail("prober", lease.owner());
                health.withDetail("proberLeaseExpiresAt", lease.expiresAt().toString());
              });
    }
    takeovers
        .last()
        .ifPresent(
            last -> {
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("at", last.at().toString());
              last.from().ifPresent(from -> detail.put("from", from));
              last.lastSignOfProber()
                  .ifPresent(at -> detail.put("lastSignOfProberAt", at.toString()));
              last.withoutProber()
                  .ifPresent(gap -> detail.put("withoutProberSeconds", gap.toMillis() / 1000.0));
              health.withDetail("lastTakeover", detail);
            });
    return health.build();
  }
}
