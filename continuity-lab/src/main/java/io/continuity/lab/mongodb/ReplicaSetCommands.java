package io.continuity.lab.mongodb;

import static io.continuity.lab.mongodb.FakeReplicaSet.PRIMARY;
import static io.continuity.lab.mongodb.FakeReplicaSet.SECONDARY;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import io.continuity.lab.mongodb.FakeReplicaSet.Config;
import io.continuity.lab.mongodb.FakeReplicaSet.Entry;
import io.continuity.lab.mongodb.FakeReplicaSet.Member;
import io.continuity.lab.mongodb.FakeReplicaSet.MemberConf;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The replica-set commands a {@link FakeReplicaSet} answers itself (writes on the primary, {@code
 * replSetFreeze}, {@code replSetStepDown}, {@code replSetReconfig}, SASL PLAIN, {@code
 * connectionStatus}) with their role checks; everything else goes to the member's backend.
 */
abstract class ReplicaSetCommands extends ReplicaSetStatusAnswers {

  ReplicaSetCommands(String setName) {
    super(setName);
  }

  boolean granted(String action) {
    return user == null
        || roles.stream()
            .anyMatch(r -> CLUSTER_ACTIONS.getOrDefault(r, List.of()).contains(action));
  }

  Document connectionStatus(Channel channel, Document query) {
    Document authInfo = new Document();
    if (user != null && authenticatedAnywhere(channel)) {
      authInfo.append(
          "authenticatedUsers", List.of(new Document("user", user).append("db", "$external")));
      List<Document> roleDocs = new ArrayList<>();
      roles.forEach(r -> roleDocs.add(new Document("role", r).append("db", "admin")));
      authInfo.append("authenticatedUserRoles", roleDocs);
      if (Boolean.TRUE.equals(query.get("showPrivileges"))) {
        Set<String> actions = new LinkedHashSet<>();
        roles.forEach(r -> actions.addAll(CLUSTER_ACTIONS.getOrDefault(r, List.of())));
        authInfo.append(
            "authenticatedUserPrivileges",
            List.of(
                new Document("resource", new Document("cluster", true))
                    .append("actions", new ArrayList<>(actions))));
      }
    } else {
      authInfo.append("authenticatedUsers", List.of()).append("authenticatedUserRoles", List.of());
    }
    return new Document("authInfo", authInfo).append("ok", 1.0);
  }

  boolean authenticatedAnywhere(Channel channel) {
    return members.stream().anyMatch(m -> m.authenticated.contains(channel));
  }

  static Document unauthorized(String command) {
    return error(
        13, "Unauthorized", "not authorized on admin to execute command { " + command + " }");
  }

  // ---------------------------------------------------------------- commands

  /** The answer to a command on member {@code m}, or null to let the plain backend answer. */
  Document answer(Member m, Channel channel, String db, String command, Document query) {
    synchronized (this) {
      if (user != null && command.equals("replsetstepdown") && !m.authenticated.contains(channel)) {
        return error(13, "Unauthorized", "command replSetStepDown requires authentication");
      }
      if (command.equals("replsetstepdown") && !granted("replSetStateChange")) {
        return unauthorized(command);
      }
    }
    if (command.equals("replsetstepdown")) {
      return stepDown(m, query);
    }
    synchronized (this) {
      tick();
      if (command.equals("ismaster") || command.equals("hello")) {
        return hello(m, channel, command.equals("hello"));
      }
      if (command.equals("saslstart") || command.equals("saslcontinue")) {
        return sasl(m, channel, query);
      }
      if (user != null
          && !m.authenticated.contains(channel)
          && !Set.of("ping", "buildinfo", "endsessions", "whatsmyuri", "connectionstatus")
              .contains(command)) {
        return error(13, "Unauthorized", "command " + command + " requires authentication");
      }
      switch (command) {
        case "connectionstatus":
          return connectionStatus(channel, query);
        case "replsetfreeze", "replsetstepdown":
          if (!granted("replSetStateChange")) {
            return unauthorized(command);
          }
          break;
        case "replsetreconfig":
          if (!granted("replSetConfigure")) {
            return unauthorized(command);
          }
          break;
        default:
          break;
      }
      switch (command) {
        case "replsetgetstatus":
          return status(m);
        case "replsetgetconfig":
          return new Document("config", configDocument(m.config)).append("ok", 1.0);
        case "replsetfreeze":
          return freeze(m, query);
        case "replsetreconfig":
          return reconfig(m, query);
        default:
          break;
      }
      if (MemberBackend.WRITES.contains(command)) {
        if (m.state != PRIMARY || m.steppingDown) {
          return notWritable(m);
        }
        return write(m, db, command, query);
      }
      if (m.state != PRIMARY && m.state != SECONDARY && !db.equals("admin")) {
        return error(13436, "NotPrimaryOrSecondary", "node is not in primary or recovering state");
      }
      return null;
    }
  }

  Document write(Member p, String db, String command, Document query) {
    Document body = new Document();
    for (Map.Entry<String, Object> e : query.entrySet()) {
      if (!e.getKey().startsWith("$") && !e.getKey().equals("lsid")) {
        body.put(e.getKey(), e.getValue());
      }
    }
    Document reply = p.backend.applyDirectly(db, command, body);
    Entry entry = nextEntry(db, command, body);
    p.oplog.add(entry);
    replicate();
    return reply;
  }

  Document freeze(Member m, Document query) {
    long secs = number(query.get("replSetFreeze"), -1);
    if (secs < 0) {
      return error(2, "BadValue", "replSetFreeze needs a number of seconds");
    }
    if (m.state == PRIMARY) {
      return error(
          95,
          "NotSecondary",
          "cannot freeze node when primary or running for election. state: Primary");
    }
    m.frozenUntil = secs == 0 ? Instant.EPOCH : Instant.now().plusSeconds(secs);
    Document r = new Document();
    if (secs == 0) {
      r.append("info", "unfreezing");
    }
    tick();
    return r.append("ok", 1.0);
  }

  Document stepDown(Member m, Document query) {
    Object period = query.get("secondaryCatchUpPeriodSecs");
    if (period != null && !(period instanceof Number)) {
      return error(14, "TypeMismatch", "secondaryCatchUpPeriodSecs must be a number");
    }
    long secs = number(query.get("replSetStepDown"), 60);
    long catchUp = number(period, 10);
    boolean force = Boolean.TRUE.equals(query.get("force"));
    Instant deadline;
    synchronized (this) {
      tick();
      if (secs < catchUp) {
        return error(
            2, "BadValue", "stepdown period must be longer than secondaryCatchUpPeriodSecs");
      }
      if (m.state != PRIMARY) {
        return error(10107, "NotWritablePrimary", "not primary so can't step down");
      }
      m.steppingDown = true;
      deadline = Instant.now().plusSeconds(catchUp);
    }
    try {
      while (true) {
        synchronized (this) {
          tick();
          if (m.state != PRIMARY) {
            return error(
                189,
                "PrimarySteppedDown",
                "While waiting for secondaries to catch up before stepping down, this node decided"
                    + " to step down for other reasons");
          }
          if (safeToStepDown(m) || (force && !Instant.now().isBefore(deadline))) {
            m.steppingDown = false;
            m.state = SECONDARY;
            m.stepDownUntil = Instant.now().plusSeconds(secs);
            m.topologyCounter++;
            tick();
            return new Document("ok", 1.0);
          }
          if (!Instant.now().isBefore(deadline)) {
            m.steppingDown = false;
            return error(
                262,
                "ExceededTimeLimit",
                "No electable secondaries caught up as of "
                    + Instant.now()
                    + ". Please use the replSetStepDown command with the argument {force: true} to"
                    + " force node to step down.");
          }
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (this) {
        m.steppingDown = false;
      }
      return error(11601, "Interrupted", "interrupted");
    }
  }

  /** Majority at my last optime, and an electable secondary at it (ReplicationCoordinatorImpl). */
  boolean safeToStepDown(Member p) {
    Entry last = p.last();
    long caughtUp = 0;
    boolean electable = false;
    for (MemberConf c : p.config.members()) {
      Member x = byId(c.id());
      boolean reached = (x == p || connected(p, x)) && x.last().compareTo(last) >= 0;
      if (reached && c.votes() > 0) {
        caughtUp++;
      }
      if (reached && x != p && c.electable() && x.state == SECONDARY) {
        electable = true;
      }
    }
    return electable && caughtUp >= p.config.majority();
  }

  Document reconfig(Member m, Document query) {
    if (!(query.get("replSetReconfig") instanceof Document given)) {
      return error(2, "BadValue", "replSetReconfig needs a configuration document");
    }
    boolean force = Boolean.TRUE.equals(query.get("force"));
    if (!force && m.state != PRIMARY) {
      return error(
          10107, "NotWritablePrimary", "replSetReconfig should only be run on a writable PRIMARY");
    }
    int version = (int) number(given.get("version"), 0);
    List<MemberConf> confs = new ArrayList<>();
    for (Object o : (List<?>) given.getOrDefault("members", List.of())) {
      Document d = (Document) o;
      String host = String.valueOf(d.get("host"));
      Member x = members.stream().filter(mm -> mm.host().equals(host)).findFirst().orElse(null);
      if (x == null) {
        return error(74, "NodeNotFound", "no member at " + host);
      }
      confs.add(
          new MemberConf(
              x.id,
              d.get("priority") instanceof Number n ? n.doubleValue() : 1.0,
              (int) number(d.get("votes"), 1),
              Boolean.TRUE.equals(d.get("hidden")),
              Boolean.TRUE.equals(d.get("arbiterOnly"))));
    }
    if (confs.stream().noneMatch(c -> c.id() == m.id)) {
      return error(
          93,
          "InvalidReplicaSetConfig",
          "the node receiving the reconfig is not in the new config");
    }
    int newVersion;
    if (force) {
      newVersion = m.config.version() + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    } else {
      if (version <= m.config.version()) {
        return error(
            103,
            "NewReplicaSetConfigurationIncompatible",
            "version field value of "
                + version
                + " is not greater than the current version "
                + m.config.version());
      }
      Set<Integer> before = voterIds(m.config.members());
      Set<Integer> after = voterIds(confs);
      Set<Integer> changed = new HashSet<>(before);
      changed.addAll(after);
      Set<Integer> both = new HashSet<>(before);
      both.retainAll(after);
      changed.removeAll(both);
      if (changed.size() > 1) {
        return error(
            103,
            "NewReplicaSetConfigurationIncompatible",
            "Non force replica set reconfig can only add or remove at most 1 voting member.");
      }
      newVersion = version;
    }
    m.config = new Config(newVersion, term, confs);
    tick();
    return new Document("ok", 1.0);
  }

  static Set<Integer> voterIds(List<MemberConf> confs) {
    Set<Integer> ids = new LinkedHashSet<>();
    confs.stream().filter(c -> c.votes() > 0).forEach(c -> ids.add(c.id()));
    return ids;
  }

  Document sasl(Member m, Channel channel, Document query) {
    if (user == null) {
      return error(334, "MechanismUnavailable", "no authentication configured");
    }
    if (!"PLAIN".equals(query.get("mechanism"))) {
      return error(
          334,
          "MechanismUnavailable",
          "Received authentication for mechanism "
              + query.get("mechanism")
              + " which is not enabled");
    }
    byte[] payload =
        query.get("payload") instanceof BinData b ? b.getData() : (byte[]) query.get("payload");
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\0", -1);
    if (parts.length == 3 && parts[1].equals(user) && parts[2].equals(password)) {
      m.authenticated.add(channel);
      return new Document("conversationId", 1)
          .append("done", true)
          .append("payload", new BinData(new byte[0]))
          .append("ok", 1.0);
    }
    return error(18, "AuthenticationFailed", "Authentication failed.");
  }
}
