package io.continuity.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** {@code -o table|json|yaml}: how a command prints what the server answered. */
public enum OutputFormat {
  table,
  json,
  yaml;

  /** The answer as pretty JSON or YAML (not for {@link #table}). */
  static String render(OutputFormat format, JsonNode node) {
    try {
      if (format == yaml) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Object plain = ApiClient.JSON.treeToValue(node, Object.class);
        return new Yaml(options).dump(plain).stripTrailing();
      }
      return ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new CliException("cannot print the answer: " + e.getOriginalMessage());
    }
  }
}
