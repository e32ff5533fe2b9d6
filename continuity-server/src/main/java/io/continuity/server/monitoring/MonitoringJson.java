package io.continuity.server.monitoring;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.status.EvidenceSource;
import io.continuity.core.status.Observation;
import io.continuity.core.status.Reason;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON text columns of the monitoring tables: reasons, connectivity and payloads. */
final class MonitoringJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<StoredReason>> REASONS = new TypeReference<>() {};
  private static final TypeReference<List<StoredObservation.SiteReachability>> SITES =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, StoredMarker>> MARKERS =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<StoredObservation.StoredMember>> MEMBERS =
      new TypeReference<>() {};

  private MonitoringJson() {}

  static String reasons(List<Reason> reasons) {
    return JSON.writeValueAsString(
        reasons.stream()
            .map(
                r ->
                    new StoredReason(
                        r.code().name(), r.severity().name(), r.message(), r.evidence().name()))
            .toList());
  }

  static List<Reason> readReasons(String json) {
    try {
      return JSON.readValue(json, REASONS).stream()
          .map(
              r ->
                  new Reason(
                      ReasonCode.valueOf(r.code()),
                      Status.valueOf(r.severity()),
                      r.message(),
                      EvidenceSource.valueOf(r.evidence())))
          .toList();
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException("stored status reasons cannot be read: " + json, e);
    }
  }

  static String connectivity(List<SiteConnectivity> sites) {
    return JSON.writeValueAsString(
        sites.stream()
            .map(
                s ->
                    new StoredObservation.SiteReachability(
                        s.site(), s.connectivity().name(), s.detail()))
            .toList());
  }

  static List<StoredObservation.SiteReachability> readConnectivity(String json) {
    return JSON.readValue(json, SITES);
  }

  static String payload(Map<String, Object> payload) {
    return JSON.writeValueAsString(payload);
  }

  static Map<String, Object> readPayload(String json) {
    return JSON.readValue(json, MAP);
  }

  /** What each member was seen as, or null when the connector reports sites only. */
  static String members(List<MemberObservation> members) {
    if (members.isEmpty()) {
      return null;
    }
    return JSON.writeValueAsString(
        members.stream()
            .map(
                m ->
                    new StoredObservation.StoredMember(
                        m.site(),
                        m.member(),
                        m.role().name(),
                        m.connectivity().name(),
                        m.marker().map(Object::toString).orElse(null),
                        m.detail()))
            .toList());
  }

  static List<StoredObservation.StoredMember> readMembers(String json) {
    return json == null ? List.of() : JSON.readValue(json, MEMBERS);
  }

  /** The replication markers of a probe result, whole (platform, kind, value, position). */
  static String markers(ProbeResult result) {
    Map<String, StoredMarker> markers = new LinkedHashMap<>();
    result.primaryMarker().ifPresent(m -> markers.put("primary", StoredMarker.of(m)));
    result.drMarker().ifPresent(m -> markers.put("dr", StoredMarker.of(m)));
    return JSON.writeValueAsString(markers);
  }

  /**
   * The probe result of a stored successful observation, as the evaluator and the execution
   * engine's prechecks read it: indicators, connectivity, markers, heartbeat and payload. Markers
   * stored before they were kept whole ({@code markersJson} null) are absent.
   */
  static Observation observation(
      StoredObservation row, String markersJson, Instant heartbeatReadAt) {
    Map<String, StoredMarker> markers =
        markersJson == null ? Map.of() : JSON.readValue(markersJson, MARKERS);
    ReplicationLag lag =
        new ReplicationLag(
            row.lagBytes() == null ? OptionalLong.empty() : OptionalLong.of(row.lagBytes()),
            Optional.ofNullable(row.lagSeconds()).map(s -> Duration.ofNanos(Math.round(s * 1e9))));
    ProbeResult.Builder result =
        ProbeResult.builder(row.observedAt())
            .sites(
                row.connectivity().stream()
                    .map(
                        s ->
                            new SiteConnectivity(
                                s.site(), Connectivity.valueOf(s.connectivity()), s.detail()))
                    .toList())
            .health(row.health() == null ? Health.UNKNOWN : Health.valueOf(row.health()))
            .replicationState(
                row.replicationState() == null
                    ? ReplicationState.UNKNOWN
                    : ReplicationState.valueOf(row.replicationState()))
            .lag(lag)
            .payload(PayloadSanitizer.standard().sanitize(row.payload()))
            .primarySite(row.primarySite())
            .members(
                row.members().stream()
                    .map(
                        m ->
                            new MemberObservation(
                                m.site(),
                                m.member(),
                                MemberRole.valueOf(m.role()),
                                Connectivity.valueOf(m.connectivity()),
                                Optional.empty(),
                                m.detail()))
                    .toList());
    Optional.ofNullable(markers.get("primary"))
        .map(StoredMarker::marker)
        .ifPresent(result::primaryMarker);
    Optional.ofNullable(markers.get("dr")).map(StoredMarker::marker).ifPresent(result::drMarker);
    if (row.heartbeatWrittenAt() != null) {
      result.heartbeat(
          new HeartbeatReading(
              row.heartbeatWrittenAt(),
              heartbeatReadAt == null ? row.observedAt() : heartbeatReadAt));
    }
    return Observation.of(row.resourceId(), result.build());
  }

  private record StoredMarker(String platform, String kind, String value, String position) {
    static StoredMarker of(ReplicationMarker marker) {
      return new StoredMarker(
          marker.platform().name(), marker.kind(), marker.value(), marker.position().toString());
    }

    ReplicationMarker marker() {
      return new ReplicationMarker(new Platform(platform), kind, value, new BigInteger(position));
    }
  }

  private record StoredReason(String code, String severity, String message, String evidence) {}
}
