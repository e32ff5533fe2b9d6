package io.continuity.connector.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The connector factories found on the class path, by platform. */
public final class ConnectorFactories {

  private final Map<Platform, ConnectorFactory> byPlatform;

  private ConnectorFactories(Map<Platform, ConnectorFactory> byPlatform) {
    this.byPlatform = Collections.unmodifiableMap(byPlatform);
  }

  /** Loads every factory registered through {@link ServiceLoader}. */
  public static ConnectorFactories load(ClassLoader classLoader) {
    Map<Platform, ConnectorFactory> map = new LinkedHashMap<>();
    for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class, classLoader)) {
      ConnectorFactory previous = map.putIfAbsent(factory.platform(), factory);
      if (previous != null) {
        throw new IllegalStateException(
            "two connectors claim platform "
                + factory.platform()
                + ": "
                + previous.getClass().getName()
                + " and "
                + factory.getClass().getName());
      }
    }
    return new ConnectorFactories(map);
  }

  public static ConnectorFactories of(ConnectorFactory... factories) {
    Map<Platform, ConnectorFactory> map = new LinkedHashMap<>();
    for (ConnectorFactory factory : factories) {
      map.put(factory.platform(), factory);
    }
    return new ConnectorFactories(map);
  }

  public Optional<ConnectorFactory> forPlatform(Platform platform) {
    return Optional.ofNullable(byPlatform.get(platform));
  }

  public Map<Platform, ConnectorFactory> all() {
    return byPlatform;
  }
}
