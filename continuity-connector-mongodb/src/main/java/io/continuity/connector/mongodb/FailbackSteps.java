package io.continuity.connector.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.Deadline;
import io.continuity.connector.support.MemberProber.MemberAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The first half of a FAILBACK (brief §1.6): the old primary site's members, started again by the
 * operator, are added back to the set one voting member at a time with a normal replSetReconfig on
 * the new primary; MongoDB rolls back the writes they hold that the new primary never got, into
 * rollback files that are reported, never deleted. The second half is the switchover's steps.
 */
final class FailbackSteps {

  static final String RETURNING = "returningOpTime.";
  static final String ELECTED_AT = "primaryOpTimeAtElection";
  static final String REJOINED = "rejoinedMembers";

  private static final Duration POLL = Duration.ofMillis(200);

  private final MongoSettings settings;
  private final MemberClients clients;
  private final MongoSteps steps;
  private final PayloadSanitizer sanitizer;

  FailbackSteps(
      MongoSettings settings, MemberClients clients, MongoSteps steps, PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.clients = clients;
    this.steps = steps;
    this.sanitizer = sanitizer;
  }

  StepResult precheck(StepContext context, Duration timeout) throws ConnectorException {
    MongoSteps.Sites sites = steps.sites(context);
    Deadline deadline = Deadline.in(MongoSteps.min(Duration.ofSeconds(10), timeout));
    Optional<List<MemberAnswer<MemberView>>> all =
        deadline.pollUntil(
            POLL,
            () -> {
              List<MemberAnswer<MemberView>> answers = steps.observe(Duration.ofSeconds(5));
              boolean everyone =
                  answers.stream()
                      .filter(a -> a.site().name().equals(sites.target().name()))
                      .allMatch(MemberAnswer::answered);
              return everyone ? Optional.of(answers) : Optional.empty();
            });
    List<MemberAnswer<MemberView>> answers =
        all.orElseGet(() -> steps.observe(Duration.ofSeconds(5)));
    ProbeAssembler.Topology topology = ProbeAssembler.topology(settings, answers);
    if (topology.primaries() != 1
        || !topology.primary().get().site().equals(sites.source().name())) {
      return failed(
          "precheck failed: the primary must be in "
              + sites.source().name()
              + " (primaries: "
              + topology.primaries()
              + ", in "
              + topology.primary().map(MemberView::site).orElse("-")
              + ")");
    }
    List<String> silent =
        answers.stream()
            .filter(a -> a.site().name().equals(sites.target().name()) && !a.answered())
            .map(a -> a.member().name())
            .toList();
    if (!silent.isEmpty()) {
      return failed("precheck failed: start " + silent + " first: they do not answer");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    MemberView primary = topology.primary().get();
    Optional<String> lacking =
        Privileges.missing(
            clients,
            endpoint(primary.member()),
            java.util.Set.of(Privileges.STATE_CHANGE, Privileges.CONFIGURE));
    if (lacking.isPresent()) {
      return failed("precheck failed: " + lacking.get());
    }
    facts.put(MongoSteps.PRIMARY_MEMBER, primary.member());
    primary.seenAtElection().ifPresent(o -> facts.put(ELECTED_AT, o.value()));
    List<String> seen = new ArrayList<>();
    for (MemberEndpoint m : sites.target().members()) {
      Optional<OpTime> own = ownOpTime(m);
      own.ifPresent(o -> facts.put(RETURNING + m.name(), o.value()));
      seen.add(m.name() + " at " + own.map(OpTime::value).orElse("an unknown optime"));
    }
    return StepResult.succeeded(
        sanitizer.sanitizeText(
            primary.member()
                + " is primary in "
                + sites.source().name()
                + "; returning: "
                + String.join(", ", seen)),
        facts);
  }

  /** The member's own last optime: from replSetGetStatus, or from its error reply when REMOVED. */
  private Optional<OpTime> ownOpTime(MemberEndpoint member) {
    try {
      Document status =
          clients.run(member, "admin", new Document("replSetGetStatus", 1), Duration.ofSeconds(5));
      Document optimes = status.get("optimes", Document.class);
      return optimes == null
          ? Optional.empty()
          : OpTime.from(optimes.get("appliedOpTime"), optimes.get("lastAppliedWallTime"));
    } catch (MongoCommandException e) {
      Document reply = Document.parse(e.getResponse().toJson());
      return OpTime.from(reply.get("optime"), null);
    } catch (MongoException | ConnectorException e) {
      return Optional.empty();
    }
  }

  StepResult rejoin(StepContext context, Duration timeout) throws ConnectorException {
    MongoSteps.Sites sites = steps.sites(context);
    List<String> done = new ArrayList<>();
    for (MemberEndpoint m : sites.target().members()) {
      List<MemberAnswer<MemberView>> answers = steps.observe(Duration.ofSeconds(5));
      ProbeAssembler.Topology topology = ProbeAssembler.topology(settings, answers);
      if (topology.primary().isEmpty()) {
        return failed("no primary to add " + m.name() + " on; added so far: " + done);
      }
      MemberEndpoint primary = endpoint(topology.primary().get().member());
      String host = MongoSteps.view(answers, m.name()).flatMap(MemberView::me).orElse(m.address());
      Document config;
      try {
        config =
            clients
                .run(primary, "admin", new Document("replSetGetConfig", 1), Duration.ofSeconds(10))
                .get("config", Document.class);
      } catch (MongoException e) {
        throw MongoFailures.forStep("replSetGetConfig", primary.name(), e, sanitizer);
      }
      List<Document> members = new ArrayList<>(config.getList("members", Document.class));
      boolean present = members.stream().anyMatch(d -> host.equals(d.getString("host")));
      if (!present) {
        int nextId =
            members.stream().mapToInt(d -> ((Number) d.get("_id")).intValue()).max().orElse(-1) + 1;
        boolean hidden = MongoSettings.flag(m, "hidden");
        boolean arbiter = MongoSettings.flag(m, "arbiter");
        members.add(
            new Document("_id", nextId)
                .append("host", host)
                .append("priority", hidden || arbiter ? 0 : 1)
                .append("votes", 1)
                .append("hidden", hidden)
                .append("arbiterOnly", arbiter));
        config.put("members", members);
        config.put("version", ((Number) config.get("version")).intValue() + 1);
        try {
          clients.run(
              primary, "admin", new Document("replSetReconfig", config), Duration.ofSeconds(30));
        } catch (MongoCommandException e) {
          return failed(
              "REFUSED by MongoDB adding "
                  + m.name()
                  + ": "
                  + MongoFailures.describe(e)
                  + "; added so far: "
                  + done);
        } catch (MongoException e) {
          throw MongoFailures.forStep("replSetReconfig", primary.name(), e, sanitizer);
        }
      }
      Deadline deadline = Deadline.in(MongoSteps.min(settings.catchUpTimeout(), timeout));
      Optional<MemberView> secondary =
          deadline.pollUntil(
              POLL,
              () ->
                  MongoSteps.view(steps.observe(Duration.ofSeconds(5)), m.name())
                      .filter(
                          v -> v.myState() == MemberView.STATE_SECONDARY || v.writablePrimary()));
      if (secondary.isEmpty()) {
        return failed(
            m.name()
                + " is in the config but not SECONDARY within "
                + settings.catchUpTimeout()
                + "; added so far: "
                + done);
      }
      done.add(m.name() + (present ? " (already in the config)" : ""));
    }
    return StepResult.succeeded(
        "back in the set as secondaries: " + String.join(", ", done),
        Map.of(REJOINED, String.join(",", done)));
  }

  StepResult resync(StepContext context, Duration timeout) throws ConnectorException {
    MongoSteps.Sites sites = steps.sites(context);
    Deadline deadline = Deadline.in(MongoSteps.min(settings.catchUpTimeout(), timeout));
    Optional<List<MemberAnswer<MemberView>>> caughtUp =
        deadline.pollUntil(
            POLL,
            () -> {
              List<MemberAnswer<MemberView>> answers = steps.observe(Duration.ofSeconds(5));
              Optional<OpTime> primary =
                  ProbeAssembler.topology(settings, answers)
                      .primary()
                      .flatMap(MemberView::position);
              boolean all =
                  primary.isPresent()
                      && sites.target().members().stream()
                          .allMatch(
                              m ->
                                  MongoSteps.view(answers, m.name())
                                      .filter(v -> v.myState() == MemberView.STATE_SECONDARY)
                                      .flatMap(MemberView::appliedPosition)
                                      .map(o -> o.hasReached(primary.get()))
                                      .orElse(false));
              return all ? Optional.of(answers) : Optional.empty();
            });
    if (caughtUp.isEmpty()) {
      return failed(
          "the members of "
              + sites.target().name()
              + " did not all reach the primary's optime within "
              + settings.catchUpTimeout());
    }
    Optional<OpTime> electedAt = context.fact(ELECTED_AT).flatMap(OpTime::parse);
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (MemberEndpoint m : sites.target().members()) {
      Optional<OpTime> returning = context.fact(RETURNING + m.name()).flatMap(OpTime::parse);
      if (returning.isEmpty() || electedAt.isEmpty()) {
        lines.add(
            m.name()
                + ": whether it rolled back writes is unknown (its optime before rejoining or the new primary's optime at election was not read)");
      } else if (returning.get().compareTo(electedAt.get()) > 0) {
        String range = "after " + electedAt.get() + " up to " + returning.get();
        facts.put("rolledBack." + m.name(), range);
        lines.add(
            m.name()
                + " held oplog entries "
                + range
                + " that the new primary never got: MongoDB rolled"
                + " them back into <dbpath>/rollback/<collectionUUID>/removed.<timestamp>.bson on "
                + m.name()
                + " (createRollbackDataFiles); Continuity never deletes them — read them with bsondump and"
                + " decide what to re-apply");
      } else {
        lines.add(m.name() + " held nothing the new primary lacked: no rollback");
      }
    }
    return StepResult.succeeded(
        sanitizer.sanitizeText(sites.target().name() + " caught up\n" + String.join("\n", lines)),
        facts);
  }

  private MemberEndpoint endpoint(String member) {
    return settings.sites().stream()
        .flatMap(s -> s.members().stream())
        .filter(m -> m.name().equals(member))
        .findFirst()
        .orElseThrow();
  }

  private StepResult failed(String output) {
    return new StepResult(
        StepOutcome.FAILED, sanitizer.sanitizeText(output), Map.of(), Optional.empty());
  }
}
