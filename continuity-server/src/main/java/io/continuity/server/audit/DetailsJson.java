package io.continuity.server.audit;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores event details as a flat JSON object of strings with keys in sorted order. */
final class DetailsJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, String>> FLAT = new TypeReference<>() {};

  private DetailsJson() {}

  static String write(Map<String, String> details) {
    return JSON.writeValueAsString(new TreeMap<>(details));
  }

  /**
   * Reads stored details back.
   *
   * @throws IllegalArgumentException when the text is not a flat JSON object of strings
   */
  static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, FLAT);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("details are not a flat JSON object of strings", e);
    }
  }
}
