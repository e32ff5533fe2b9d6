package io.continuity.connector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a connector gets to know about one resource: its sites, its settings, references to
 * its credentials and the resolver that turns a reference into a value when it is needed, and the
 * inventory's heartbeat, typed, when the resource declares one.
 */
public record ConnectorConfig(
    String resourceId,
    Platform platform,
    List<SiteEndpoint> sites,
    Map<String, String> settings,
    Map<String, SecretRef> secrets,
    SecretResolver secretResolver,
    Optional<HeartbeatSpec> heartbeat) {

  /** A configuration without a heartbeat. */
  public ConnectorConfig(
      String resourceId,
      Platform platform,
      List<SiteEndpoint> sites,
      Map<String, String> settings,
      Map<String, SecretRef> secrets,
      SecretResolver secretResolver) {
    this(resourceId, platform, sites, settings, secrets, secretResolver, Optional.empty());
  }

  public ConnectorConfig {
    heartbeat = heartbeat == null ? Optional.empty() : heartbeat;
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(platform, "platform");
    sites = List.copyOf(Objects.requireNonNull(sites, "sites"));
    settings = Map.copyOf(settings == null ? Map.of() : settings);
    secrets = Map.copyOf(secrets == null ? Map.of() : secrets);
    Objects.requireNonNull(secretResolver, "secretResolver");
    for (String key : settings.keySet()) {
      if (PayloadSanitizer.isSecretKey(key)) {
        throw new IllegalArgumentException(
            "setting '" + key + "' looks like a credential: give it as a secret reference instead");
      }
    }
  }

  /** The same configuration with this heartbeat. */
  public ConnectorConfig withHeartbeat(HeartbeatSpec spec) {
    return new ConnectorConfig(
        resourceId, platform, sites, settings, secrets, secretResolver, Optional.of(spec));
  }

  public Optional<SiteEndpoint> site(String name) {
    return sites.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<SiteEndpoint> siteWithRole(SiteRole role) {
    return sites.stream().filter(s -> s.role() == role).findFirst();
  }

  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  /** Resolves the named secret now; the value is never kept in the config. */
  public String secret(String name) throws SecretUnavailableException {
    SecretRef ref = secrets.get(name);
    if (ref == null) {
      throw new SecretUnavailableException(
          new SecretRef(SecretRef.Source.ENV, name),
          "no secret named '" + name + "' is configured");
    }
    return secretResolver.resolve(ref);
  }

  /**
   * A sanitizer that also scrubs the resolved values of every configured secret, so a password that
   * leaks into an error message or a payload is removed.
   */
  public PayloadSanitizer sanitizer() {
    List<String> values = new ArrayList<>();
    for (SecretRef ref : secrets.values()) {
      try {
        values.add(secretResolver.resolve(ref));
      } catch (SecretUnavailableException e) {
        // an unresolvable secret cannot leak
      }
    }
    return PayloadSanitizer.withKnownSecrets(values);
  }
}
