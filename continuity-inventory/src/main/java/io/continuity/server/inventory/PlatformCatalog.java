package io.continuity.server.inventory;

import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platforms an inventory may name: every platform whose connector is installed (found with
 * {@link java.util.ServiceLoader}, so a connector brings its own platform name), plus the design's
 * well-known platforms, which may be declared before their connector is installed (such a resource
 * is then observed as "no connector installed", never as healthy).
 */
final class PlatformCatalog {

  private static final List<Platform> WELL_KNOWN =
      List.of(
          Platform.POSTGRESQL,
          Platform.MONGODB,
          Platform.SQLSERVER,
          Platform.SNOWFLAKE,
          Platform.SIMULATED);

  private static final PlatformCatalog CLASS_PATH =
      new PlatformCatalog(
          ConnectorFactories.load(PlatformCatalog.class.getClassLoader()).all().keySet());

  private final Set<Platform> installed;
  private final List<Platform> accepted;

  PlatformCatalog(Set<Platform> installed) {
    this.installed = Set.copyOf(installed);
    List<Platform> all = new ArrayList<>(WELL_KNOWN);
    installed.stream()
        .filter(p -> !all.contains(p))
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(all::add);
    this.accepted = List.copyOf(all);
  }

  /** The catalogue of this class path's connectors. */
  static PlatformCatalog classPath() {
    return CLASS_PATH;
  }

  List<Platform> accepted() {
    return accepted;
  }

  Optional<Platform> find(String text) {
    return accepted.stream().filter(p -> p.name().equalsIgnoreCase(text.trim())).findFirst();
  }

  /** For an error: the accepted names, and which of them have a connector installed. */
  String describe() {
    return lower(accepted)
        + " (connectors installed: "
        + (installed.isEmpty()
            ? "none"
            : lower(accepted.stream().filter(installed::contains).toList()))
        + ")";
  }

  private static String lower(List<Platform> platforms) {
    return platforms.stream()
        .map(p -> p.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
