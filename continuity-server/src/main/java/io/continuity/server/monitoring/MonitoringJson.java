package io.continuity.server.monitoring;

import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.status.EvidenceSource;
import io.continuity.core.status.Reason;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON text columns of the monitoring tables: reasons, connectivity and payloads. */
final class MonitoringJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<StoredReason>> REASONS = new TypeReference<>() {};
  private static final TypeReference<List<StoredObservation.SiteReachability>> SITES =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

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

  private record StoredReason(String code, String severity, String message, String evidence) {}
}
