package io.continuity.connector.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterConnectionMode;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.HostActionEndpoint;
import io.continuity.connector.support.HostActionRunner;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The DRILL's isolated copy (brief §1.7, option 2): the DR site's {@code action.clone} snapshots a
 * member and starts the copy <em>standalone</em> (no {@code --replSet}) on another port, printing
 * {@code clone-endpoint: <host>:<port>}; the drill reads and writes there only; {@code
 * action.discard-clone} removes it. A copy that reports a replica set, or an endpoint that is a
 * production member, is refused: the clone must never join the set.
 */
final class CloneDrillSteps {

  static final String CREATE_CLONE = "create-clone";
  static final String VALIDATE_CLONE = "validate-clone";
  static final String DISCARD_CLONE = "discard-clone";
  static final String CLONE_HOST = "cloneHost";
  static final String CLONE_PORT = "clonePort";

  static final Pattern ENDPOINT =
      Pattern.compile("(?m)^clone-endpoint:\\s*(\\S+?):(\\d{1,5})\\s*$");

  private final MongoSettings settings;
  private final PayloadSanitizer sanitizer;
  private final HostActionRunner runner;
  private final MemberClients clients;

  CloneDrillSteps(MongoSettings settings, MemberClients clients, PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.clients = clients;
    this.sanitizer = sanitizer;
    this.runner = new HostActionRunner(settings.resourceId(), sanitizer);
  }

  StepResult create(StepContext context, Duration timeout) throws ConnectorException {
    SiteEndpoint target = settings.site(context.plan().targetSite());
    HostActionRunner.Outcome outcome = run("clone", target, timeout);
    if (!outcome.succeeded()) {
      return failed(
          "clone action of "
              + target.name()
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output());
    }
    Matcher m = ENDPOINT.matcher(outcome.output());
    if (!m.find()) {
      return failed(
          "the clone action must print the clone's endpoint as a line 'clone-endpoint: <host>:<port>'"
              + discard(target, timeout)
              + "\n"
              + outcome.output());
    }
    String host = m.group(1);
    int port = Integer.parseInt(m.group(2));
    if (isProduction(host, port)) {
      return failed("REFUSED: the clone endpoint " + host + ":" + port + " is a production member");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(CLONE_HOST, host);
    facts.put(CLONE_PORT, Integer.toString(port));
    return StepResult.succeeded(
        sanitizer.sanitizeText("clone at " + host + ":" + port + "\n" + outcome.output()), facts);
  }

  StepResult validate(StepContext context, Duration timeout) throws ConnectorException {
    SiteEndpoint target = settings.site(context.plan().targetSite());
    Optional<String> host = context.fact(CLONE_HOST);
    Optional<Integer> port = context.fact(CLONE_PORT).map(Integer::parseInt);
    if (host.isEmpty() || port.isEmpty()) {
      return failed("no clone endpoint was recorded by create-clone");
    }
    if (isProduction(host.get(), port.get())) {
      return failed(
          "REFUSED: the clone endpoint "
              + host.get()
              + ":"
              + port.get()
              + " is a production member");
    }
    try (MongoClient client = clientFor(host.get(), port.get())) {
      MongoDatabase admin = client.getDatabase("admin").withTimeout(10, TimeUnit.SECONDS);
      Document hello;
      try {
        hello = admin.runCommand(new Document("hello", 1));
      } catch (com.mongodb.MongoCommandException e) {
        if (e.getErrorCode() != MongoFailures.COMMAND_NOT_FOUND) {
          throw e;
        }
        hello = admin.runCommand(new Document("isMaster", 1)); // before hello (4.4.2 / 4.2.10)
      }
      if (hello.get("setName") != null) {
        return failed(
            "REFUSED: the clone reports replica set '"
                + hello.get("setName")
                + "'; a drill clone must"
                + " run standalone (no --replSet) so it can never join the set"
                + discard(target, timeout));
      }
      MongoDatabase drill =
          client.getDatabase(settings.drillDatabase()).withTimeout(10, TimeUnit.SECONDS);
      long documents = drill.getCollection(settings.drillCollection()).countDocuments();
      drill
          .getCollection("continuityDrillWrites")
          .insertOne(
              new Document("execution", context.executionId())
                  .append("writtenAt", Date.from(Instant.now())));
      Map<String, String> facts = Map.of("cloneDocuments", Long.toString(documents));
      return StepResult.succeeded(
          sanitizer.sanitizeText(
              "the standalone clone at "
                  + host.get()
                  + ":"
                  + port.get()
                  + " holds "
                  + documents
                  + " document(s) in "
                  + settings.drillDatabase()
                  + "."
                  + settings.drillCollection()
                  + " and committed a drill write"),
          facts);
    } catch (MongoException e) {
      return failed(
          "the clone at "
              + host.get()
              + ":"
              + port.get()
              + " failed: "
              + MongoFailures.describe(e)
              + discard(target, timeout));
    }
  }

  StepResult discardStep(StepContext context, Duration timeout) throws ConnectorException {
    SiteEndpoint target = settings.site(context.plan().targetSite());
    HostActionRunner.Outcome outcome = run("discard-clone", target, timeout);
    if (!outcome.succeeded()) {
      return failed(
          "discard-clone action exited with " + outcome.exitCode() + ":\n" + outcome.output());
    }
    Optional<String> host = context.fact(CLONE_HOST);
    Optional<Integer> port = context.fact(CLONE_PORT).map(Integer::parseInt);
    if (host.isPresent() && port.isPresent()) {
      Optional<Boolean> gone =
          Deadline.in(Duration.ofSeconds(10))
              .pollUntil(
                  Duration.ofMillis(200),
                  () -> accepts(host.get(), port.get()) ? Optional.empty() : Optional.of(true));
      if (gone.isEmpty()) {
        return failed(
            "the clone at "
                + host.get()
                + ":"
                + port.get()
                + " still accepts connections after discard-clone");
      }
    }
    return StepResult.succeeded(sanitizer.sanitizeText("clone discarded\n" + outcome.output()));
  }

  private String discard(SiteEndpoint target, Duration timeout) {
    try {
      HostActionRunner.Outcome outcome = run("discard-clone", target, timeout);
      return outcome.succeeded()
          ? "; the clone was discarded"
          : "; discard-clone exited with " + outcome.exitCode();
    } catch (ConnectorException e) {
      return "; discard-clone could not run: " + e.getMessage();
    }
  }

  private HostActionRunner.Outcome run(String action, SiteEndpoint target, Duration timeout)
      throws ConnectorException {
    String command =
        settings
            .action(target, action)
            .orElseThrow(
                () ->
                    ConnectorException.notStarted(
                        "site " + target.name() + " has no 'action." + action + "'", false, null));
    MemberEndpoint member = settings.targetOf(target);
    MemberEndpoint peer = settings.targetOf(settings.otherSite(target));
    return runner.run(
        action,
        command,
        new HostActionEndpoint(target.name(), member.host(), member.port()),
        new HostActionEndpoint(settings.otherSite(target).name(), peer.host(), peer.port()),
        "drill",
        MongoSteps.min(settings.actionTimeout(), timeout));
  }

  private boolean isProduction(String host, int port) {
    return settings.sites().stream()
        .flatMap(s -> s.members().stream())
        .anyMatch(m -> m.port() == port && m.host().equalsIgnoreCase(host));
  }

  private MongoClient clientFor(String host, int port) throws ConnectorException {
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder()
            .applyToClusterSettings(
                c ->
                    c.hosts(List.of(new ServerAddress(host, port)))
                        .mode(ClusterConnectionMode.SINGLE)
                        .serverSelectionTimeout(
                            settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS))
            .retryWrites(false)
            .retryReads(false);
    // a snapshot of a member holds the same users: sign in as the connector does
    clients.credential().ifPresent(builder::credential);
    return MongoClients.create(builder.build());
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private StepResult failed(String output) {
    return new StepResult(
        StepOutcome.FAILED, sanitizer.sanitizeText(output), Map.of(), Optional.empty());
  }
}
