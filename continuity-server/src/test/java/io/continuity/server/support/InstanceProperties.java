package io.continuity.server.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every server process of a multi-instance test shares: the demo users on one
 * PostgreSQL schema, the inventory, fast tier-2 probing, and the instance's name. Each test adds
 * what it tunes.
 */
public final class InstanceProperties {

  private InstanceProperties() {}

  /** Demo profile on {@code schema} of the test PostgreSQL, named {@code instanceId}. */
  public static Map<String, String> demoOnPostgres(
      String schema, String password, Path inventory, String instanceId) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", PostgresTestServer.urlFor(schema));
    properties.put("spring.datasource.username", PostgresTestServer.USER);
    properties.put("spring.datasource.password", PostgresTestServer.PASSWORD);
    return demo(properties, password, inventory, instanceId);
  }

  /**
   * Demo profile on the embedded H2 store in {@code dataDir} with the application's own URL
   * settings (as {@code ./continuity demo} runs it), named {@code instanceId}.
   */
  public static Map<String, String> demoOnH2(
      Path dataDir, String password, Path inventory, String instanceId) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("CONTINUITY_DATA_DIR", dataDir.toAbsolutePath().toString());
    return demo(properties, password, inventory, instanceId);
  }

  private static Map<String, String> demo(
      Map<String, String> properties, String password, Path inventory, String instanceId) {
    properties.put("spring.profiles.active", "demo");
    properties.put("continuity.demo.password", password);
    properties.put("continuity.inventory", inventory.toString());
    properties.put("continuity.monitoring.interval.tier2", "300ms");
    properties.put("continuity.monitoring.timeout", "1s");
    properties.put("continuity.execution.instance-id", instanceId);
    return properties;
  }
}
