package io.continuity.connector.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.SecretUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * One driver client per member, each a direct connection ({@code directConnection=true}: the
 * driver's SINGLE mode, so one dead member never hides another and any member type is selectable —
 * brief §1.1). Made when first needed, kept for the connector's life. Retryable reads and writes
 * are off: a step must see the failure of the command it sent, never a silent second attempt.
 */
final class MemberClients implements AutoCloseable {

  private final MongoSettings settings;
  private final Map<String, MongoClient> clients = new ConcurrentHashMap<>();

  MemberClients(MongoSettings settings) {
    this.settings = settings;
  }

  /** Runs {@code command} on {@code database} of the member, within {@code timeout}. */
  Document run(MemberEndpoint member, String database, Document command, Duration timeout)
      throws ConnectorException {
    failFastWhenKnownDown(member);
    return database(member, database, timeout).runCommand(command);
  }

  /**
   * A member the driver's monitor already failed to reach is reported at once, with the monitor's
   * own error, instead of after a whole server-selection wait: one dead member must not eat the
   * probe's time. The monitor re-checks every two seconds, so a member that comes back is seen.
   */
  private void failFastWhenKnownDown(MemberEndpoint member) throws ConnectorException {
    List<ServerDescription> servers =
        client(member).getClusterDescription().getServerDescriptions();
    if (servers.size() == 1
        && servers.get(0).getType() == ServerType.UNKNOWN
        && servers.get(0).getException() != null) {
      Throwable cause = servers.get(0).getException();
      throw new MongoSocketOpenException(
          "the driver's monitor cannot reach " + member.address() + ": " + cause.getMessage(),
          new ServerAddress(member.host(), member.port()),
          cause);
    }
  }

  /** The member's database with a client-side operation timeout (timeoutMS). */
  MongoDatabase database(MemberEndpoint member, String database, Duration timeout)
      throws ConnectorException {
    long millis = Math.max(1, timeout.toMillis());
    return client(member).getDatabase(database).withTimeout(millis, TimeUnit.MILLISECONDS);
  }

  private MongoClient client(MemberEndpoint member) throws ConnectorException {
    MongoClient existing = clients.get(member.name());
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      MongoClient again = clients.get(member.name());
      if (again != null) {
        return again;
      }
      MongoClient made = MongoClients.create(settingsFor(member));
      clients.put(member.name(), made);
      return made;
    }
  }

  private MongoClientSettings settingsFor(MemberEndpoint member) throws ConnectorException {
    int connectMillis = (int) settings.connectTimeout().toMillis();
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder()
            .applyToClusterSettings(
                c -> {
                  // no requiredReplicaSetName: the driver would refuse a member that reports no set
                  // (REMOVED, not initiated), which failback must still read; MemberView checks it
                  c.hosts(List.of(new ServerAddress(member.host(), member.port())))
                      .mode(ClusterConnectionMode.SINGLE)
                      .serverSelectionTimeout(connectMillis, TimeUnit.MILLISECONDS);
                })
            .applyToSocketSettings(s -> s.connectTimeout(connectMillis, TimeUnit.MILLISECONDS))
            .applyToServerSettings(s -> s.heartbeatFrequency(2, TimeUnit.SECONDS))
            .applyToSslSettings(s -> s.enabled(settings.tls()))
            .applicationName("continuity")
            .retryReads(false)
            .retryWrites(false);
    credential().ifPresent(builder::credential);
    return builder.build();
  }

  Optional<MongoCredential> credential() throws ConnectorException {
    Optional<String> user = settings.user();
    if (user.isEmpty()) {
      return Optional.empty();
    }
    char[] password;
    try {
      password = settings.config().secret("password").toCharArray();
    } catch (SecretUnavailableException e) {
      throw ConnectorException.permanent(
          "the 'password' secret of " + settings.resourceId() + " cannot be resolved", null);
    }
    String source = settings.authSource();
    return Optional.of(
        switch (settings.authMechanism()) {
          case SCRAM_SHA_256 ->
              MongoCredential.createScramSha256Credential(user.get(), source, password);
          case SCRAM_SHA_1 ->
              MongoCredential.createScramSha1Credential(user.get(), source, password);
          case PLAIN -> MongoCredential.createPlainCredential(user.get(), source, password);
        });
  }

  @Override
  public void close() {
    clients.values().forEach(MongoClient::close);
    clients.clear();
  }
}
