package io.continuity.server.monitoring;

import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.core.status.Observation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The SQL behind the observation history: plain statements that run on H2 and PostgreSQL. */
final class ObservationRepository {

  private final JdbcClient jdbc;

  ObservationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Observation observation) {
    insert(observation, null);
  }

  /**
   * Stores one observation made by {@code prober} (null when unknown).
   *
   * @return its id
   */
  long insert(Observation observation, String prober) {
    ProbeResult result = observation.result().orElse(null);
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into observation (resource_id, observed_at, ok, failure, health,"
                + " replication_state, lag_bytes, lag_seconds, primary_marker, dr_marker,"
                + " heartbeat_written_at, connectivity, payload, prober, markers,"
                + " heartbeat_read_at, primary_site, members) values (:resourceId, :observedAt,"
                + " :ok, :failure, :health, :state, :lagBytes, :lagSeconds, :primaryMarker,"
                + " :drMarker, :heartbeatAt, :connectivity, :payload, :prober, :markers,"
                + " :heartbeatReadAt, :primarySite, :members)")
        .param("resourceId", observation.resourceId())
        .param("observedAt", utc(observation.observedAt()))
        .param("ok", observation.succeeded())
        .param("failure", observation.failure().orElse(null))
        .param("health", result == null ? null : result.health().name())
        .param("state", result == null ? null : result.replicationState().name())
        .param("lagBytes", result == null ? null : boxed(result))
        .param("lagSeconds", result == null ? null : seconds(result))
        .param("primaryMarker", result == null ? null : marker(result.primaryMarker().orElse(null)))
        .param("drMarker", result == null ? null : marker(result.drMarker().orElse(null)))
        .param(
            "heartbeatAt",
            result == null
                ? null
                : result.heartbeat().map(HeartbeatReading::writtenAt).map(this::utc).orElse(null))
        .param(
            "connectivity",
            MonitoringJson.connectivity(result == null ? List.of() : result.sites()))
        .param(
            "payload",
            MonitoringJson.payload(result == null ? java.util.Map.of() : result.payload().asMap()))
        .param("prober", prober)
        .param("markers", result == null ? null : MonitoringJson.markers(result))
        .param(
            "heartbeatReadAt",
            result == null
                ? null
                : result.heartbeat().map(HeartbeatReading::readAt).map(this::utc).orElse(null))
        .param("primarySite", result == null ? null : result.primarySite().orElse(null))
        .param("members", result == null ? null : MonitoringJson.members(result.members()))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /**
   * The observation each latest outcome was judged on, for the outcomes whose observation id is
   * above {@code afterId} (observation ids only grow, so a follower asks for what is new since its
   * last look): one join over {@code status_outcome}, whatever the size of the history.
   */
  Map<Long, Observation> judgedAfter(long afterId) {
    Map<Long, Observation> byId = new HashMap<>();
    jdbc.sql(
            "select o.* from status_outcome s join observation o on o.id = s.observation_id"
                + " where s.observation_id > :after")
        .param("after", afterId)
        .query(
            rs -> {
              byId.put(rs.getLong("id"), observation(rs));
            });
    return byId;
  }

  /** The observation the stored latest outcome of a resource was judged on. */
  Optional<Observation> judgedFor(String resourceId) {
    return jdbc.sql(
            "select o.* from status_outcome s join observation o on o.id = s.observation_id"
                + " where s.resource_id = :id")
        .param("id", resourceId)
        .query((rs, row) -> observation(rs))
        .optional();
  }

  /** Rebuilds an observation (with its probe result) from a stored row. */
  private Observation observation(ResultSet rs) throws SQLException {
    String resourceId = rs.getString("resource_id");
    Instant observedAt = rs.getObject("observed_at", OffsetDateTime.class).toInstant();
    if (!rs.getBoolean("ok")) {
      String failure = rs.getString("failure");
      return Observation.failed(resourceId, observedAt, failure);
    }
    StoredObservation stored = read(rs);
    OffsetDateTime readAt = rs.getObject("heartbeat_read_at", OffsetDateTime.class);
    return MonitoringJson.observation(
        stored, rs.getString("markers"), readAt == null ? null : readAt.toInstant());
  }

  /**
   * The latest observation of a resource that saw a primary marker on a known primary site: what a
   * failover's evidence compares the promoted target with, the same for every instance.
   */
  Optional<Observation> lastWithPrimaryMarker(String resourceId) {
    return jdbc.sql(
            "select * from observation where resource_id = :id and ok = true and primary_marker is"
                + " not null and primary_site is not null order by id desc fetch first 1 rows only")
        .param("id", resourceId)
        .query((rs, row) -> observation(rs))
        .optional();
  }

  /** Observations of a resource with {@code from <= observed_at < to}, newest first. */
  List<StoredObservation> find(String resourceId, Instant from, Instant to, int limit) {
    return jdbc.sql(
            "select * from observation where resource_id = :id and observed_at >= :from and"
                + " observed_at < :to order by observed_at desc, id desc fetch first :limit rows"
                + " only")
        .param("id", resourceId)
        .param("from", utc(from))
        .param("to", utc(to))
        .param("limit", limit)
        .query((rs, row) -> read(rs))
        .list();
  }

  /** How many observations of a resource are stored (all times). */
  long count(String resourceId) {
    return jdbc.sql("select count(*) from observation where resource_id = :id")
        .param("id", resourceId)
        .query(Long.class)
        .single();
  }

  /**
   * Keeps one observation (the first stored) per resource and {@code bucket} among those older than
   * {@code before}; returns how many were deleted.
   */
  int downsample(Instant before, Duration bucket) {
    return jdbc.sql(
            "delete from observation where observed_at < :before and id not in (select min(id)"
                + " from observation where observed_at < :before group by resource_id,"
                + " floor(extract(epoch from observed_at) / :bucket))")
        .param("before", utc(before))
        .param("bucket", bucket.toSeconds())
        .update();
  }

  /** Deletes every observation older than {@code before}; returns how many. */
  int deleteOlderThan(Instant before) {
    return jdbc.sql("delete from observation where observed_at < :before")
        .param("before", utc(before))
        .update();
  }

  private StoredObservation read(ResultSet rs) throws SQLException {
    long lagBytes = rs.getLong("lag_bytes");
    Long bytes = rs.wasNull() ? null : lagBytes;
    double lagSeconds = rs.getDouble("lag_seconds");
    Double secondsValue = rs.wasNull() ? null : lagSeconds;
    OffsetDateTime heartbeat = rs.getObject("heartbeat_written_at", OffsetDateTime.class);
    return new StoredObservation(
        rs.getLong("id"),
        rs.getString("resource_id"),
        rs.getObject("observed_at", OffsetDateTime.class).toInstant(),
        rs.getBoolean("ok"),
        rs.getString("failure"),
        rs.getString("health"),
        rs.getString("replication_state"),
        bytes,
        secondsValue,
        rs.getString("primary_marker"),
        rs.getString("dr_marker"),
        heartbeat == null ? null : heartbeat.toInstant(),
        MonitoringJson.readConnectivity(rs.getString("connectivity")),
        MonitoringJson.readPayload(rs.getString("payload")),
        rs.getString("primary_site"),
        MonitoringJson.readMembers(rs.getString("members")));
  }

  private static Long boxed(ProbeResult result) {
    return result.lag().bytes().isPresent() ? result.lag().bytes().getAsLong() : null;
  }

  private static Double seconds(ProbeResult result) {
    return result.lag().time().map(d -> d.toNanos() / 1e9).orElse(null);
  }

  private static String marker(ReplicationMarker marker) {
    return marker == null ? null : marker.toString();
  }

  private OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
