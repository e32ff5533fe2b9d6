package io.continuity.connector.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConfigurationException;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.support.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * What one member said about itself and the set, read on that member over a direct connection:
 * {@code hello} always, {@code replSetGetStatus} and {@code replSetGetConfig} when it answers them
 * (brief §1.2). Field names are MongoDB's.
 */
record MemberView(
    String site,
    String member,
    boolean writablePrimary,
    boolean secondary,
    boolean hidden,
    boolean arbiter,
    Optional<String> setName,
    Optional<String> me,
    Optional<String> primaryHost,
    Optional<OpTime> lastWrite,
    Optional<OpTime> applied,
    Optional<OpTime> durable,
    Optional<OpTime> committed,
    int myState,
    long term,
    String syncSourceHost,
    List<StatusMember> statusMembers,
    Optional<ConfigView> config,
    Optional<OpTime> seenAtElection,
    String problems) {

  static final int STATE_PRIMARY = 1;
  static final int STATE_SECONDARY = 2;
  static final int STATE_RECOVERING = 3;
  static final int STATE_STARTUP2 = 5;
  static final int STATE_UNKNOWN = -1;

  /** One entry of {@code replSetGetStatus.members} as this member sees it. */
  record StatusMember(
      int id,
      String name,
      boolean healthy,
      int state,
      String stateStr,
      Optional<OpTime> optime,
      Optional<Instant> lastHeartbeatRecv,
      String syncSourceHost,
      boolean self) {}

  /** {@code replSetGetConfig.config}: version and members. */
  record ConfigView(long version, List<ConfMember> members) {
    Optional<ConfMember> member(String host) {
      return members.stream().filter(m -> m.host.equals(host)).findFirst();
    }
  }

  record ConfMember(
      int id,
      String host,
      double priority,
      int votes,
      boolean hidden,
      boolean arbiter,
      long secondaryDelaySecs) {
    boolean electable() {
      return priority > 0 && votes > 0 && !hidden && !arbiter && secondaryDelaySecs == 0;
    }
  }

  /** Reads one member within the deadline; throws when it cannot be reached at all. */
  static MemberView read(
      MemberClients clients,
      String site,
      MemberEndpoint member,
      Optional<String> replicaSet,
      Deadline deadline)
      throws Exception {
    Document hello = hello(clients, member, deadline);
    String setName = hello.getString("setName");
    if (replicaSet.isPresent() && setName != null && !setName.equals(replicaSet.get())) {
      throw new MongoConfigurationException(
          "member "
              + member.name()
              + " belongs to replica set '"
              + setName
              + "', not '"
              + replicaSet.get()
              + "'");
    }
    List<String> problems = new ArrayList<>();
    Document status = null;
    Document config = null;
    try {
      status = clients.run(member, "admin", new Document("replSetGetStatus", 1), left(deadline));
    } catch (MongoCommandException e) {
      problems.add("replSetGetStatus: " + MongoFailures.describe(e));
      if (e.getErrorCode() == MongoFailures.UNAUTHORIZED) {
        throw e;
      }
    }
    if (!Boolean.TRUE.equals(hello.get("arbiterOnly"))) {
      try {
        config = clients.run(member, "admin", new Document("replSetGetConfig", 1), left(deadline));
      } catch (MongoCommandException e) {
        problems.add("replSetGetConfig: " + MongoFailures.describe(e));
      }
    }
    return of(site, member.name(), hello, status, config, String.join("; ", problems));
  }

  private static Document hello(MemberClients clients, MemberEndpoint member, Deadline deadline)
      throws ConnectorException {
    try {
      return clients.run(member, "admin", new Document("hello", 1), left(deadline));
    } catch (MongoCommandException e) {
      if (e.getErrorCode() != MongoFailures.COMMAND_NOT_FOUND) {
        throw e;
      }
      // before hello (4.4.2 / 4.2.10) the command was isMaster
      return clients.run(member, "admin", new Document("isMaster", 1), left(deadline));
    }
  }

  private static Duration left(Deadline deadline) {
    Duration left = deadline.remaining();
    return left.isZero() ? Duration.ofMillis(1) : left;
  }

  /** Builds the view from the three replies (status and config may be null). */
  static MemberView of(
      String site,
      String member,
      Document hello,
      Document status,
      Document config,
      String problems) {
    boolean primary =
        Boolean.TRUE.equals(hello.get("isWritablePrimary"))
            || Boolean.TRUE.equals(hello.get("ismaster"));
    Document lastWrite = hello.get("lastWrite") instanceof Document d ? d : new Document();
    Optional<OpTime> written = OpTime.from(lastWrite.get("opTime"), lastWrite.get("lastWriteDate"));
    Optional<OpTime> applied = Optional.empty();
    Optional<OpTime> durable = Optional.empty();
    Optional<OpTime> committed =
        OpTime.from(lastWrite.get("majorityOpTime"), lastWrite.get("majorityWriteDate"));
    int myState = STATE_UNKNOWN;
    long term = -1;
    String syncSource = "";
    List<StatusMember> members = new ArrayList<>();
    Optional<OpTime> seen = Optional.empty();
    if (status != null) {
      Document optimes = status.get("optimes") instanceof Document d ? d : new Document();
      applied = OpTime.from(optimes.get("appliedOpTime"), optimes.get("lastAppliedWallTime"));
      durable = OpTime.from(optimes.get("durableOpTime"), optimes.get("lastDurableWallTime"));
      committed =
          OpTime.from(optimes.get("lastCommittedOpTime"), optimes.get("lastCommittedWallTime"))
              .or(() -> Optional.empty());
      myState = status.get("myState") instanceof Number n ? n.intValue() : STATE_UNKNOWN;
      term = status.get("term") instanceof Number n ? n.longValue() : -1;
      syncSource = status.get("syncSourceHost") instanceof String s ? s : "";
      if (status.get("electionCandidateMetrics") instanceof Document metrics) {
        seen = OpTime.from(metrics.get("lastSeenOpTimeAtElection"), null);
      }
      if (status.get("members") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Document m) {
            members.add(
                new StatusMember(
                    m.get("_id") instanceof Number n ? n.intValue() : -1,
                    String.valueOf(m.get("name")),
                    m.get("health") instanceof Number h
                        ? h.doubleValue() == 1.0
                        : Boolean.TRUE.equals(m.get("self")),
                    m.get("state") instanceof Number s ? s.intValue() : STATE_UNKNOWN,
                    String.valueOf(m.getOrDefault("stateStr", "")),
                    OpTime.from(m.get("optime"), m.get("lastAppliedWallTime")),
                    m.get("lastHeartbeatRecv") instanceof Date d && d.getTime() > 0
                        ? Optional.of(d.toInstant())
                        : Optional.empty(),
                    m.get("syncSourceHost") instanceof String s ? s : "",
                    Boolean.TRUE.equals(m.get("self"))));
          }
        }
      }
    }
    Optional<ConfigView> configView = Optional.empty();
    if (config != null && config.get("config") instanceof Document c) {
      List<ConfMember> confs = new ArrayList<>();
      if (c.get("members") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Document m) {
            confs.add(
                new ConfMember(
                    m.get("_id") instanceof Number n ? n.intValue() : -1,
                    String.valueOf(m.get("host")),
                    m.get("priority") instanceof Number p ? p.doubleValue() : 1.0,
                    m.get("votes") instanceof Number v ? v.intValue() : 1,
                    Boolean.TRUE.equals(m.get("hidden")),
                    Boolean.TRUE.equals(m.get("arbiterOnly")),
                    m.get("secondaryDelaySecs") instanceof Number d
                        ? d.longValue()
                        : m.get("slaveDelay") instanceof Number s ? s.longValue() : 0));
          }
        }
      }
      configView =
          Optional.of(
              new ConfigView(c.get("version") instanceof Number v ? v.longValue() : -1, confs));
    }
    if (myState == STATE_UNKNOWN) {
      myState =
          primary
              ? STATE_PRIMARY
              : Boolean.TRUE.equals(hello.get("secondary")) ? STATE_SECONDARY : STATE_UNKNOWN;
    }
    return new MemberView(
        site,
        member,
        primary,
        Boolean.TRUE.equals(hello.get("secondary")),
        Boolean.TRUE.equals(hello.get("hidden")),
        Boolean.TRUE.equals(hello.get("arbiterOnly")),
        Optional.ofNullable(hello.getString("setName")),
        Optional.ofNullable(hello.getString("me")),
        Optional.ofNullable(hello.getString("primary")),
        written,
        applied,
        durable,
        committed,
        myState,
        term,
        syncSource,
        members,
        configView,
        seen,
        problems);
  }

  /** The member's own position: its applied optime, else its last written one. */
  Optional<OpTime> position() {
    if (applied.isPresent() && lastWrite.isPresent()) {
      return Optional.of(
          applied.get().hasReached(lastWrite.get()) ? applied.get() : lastWrite.get());
    }
    return applied.or(() -> lastWrite);
  }

  /** The applied optime read on this member (a secondary's proof of what it holds). */
  Optional<OpTime> appliedPosition() {
    return applied.or(() -> lastWrite);
  }

  MemberRole role() {
    if (writablePrimary) {
      return MemberRole.PRIMARY;
    }
    if (arbiter) {
      return MemberRole.ARBITER;
    }
    if (hidden) {
      return MemberRole.HIDDEN;
    }
    if (secondary) {
      return MemberRole.SECONDARY;
    }
    return MemberRole.OTHER;
  }

  /** This member's own entry in its config, when it has one. */
  Optional<ConfMember> ownConfig() {
    return config.flatMap(c -> me.flatMap(c::member));
  }

  /** The status entry this member gives for {@code host}. */
  Optional<StatusMember> statusOf(String host) {
    return statusMembers.stream().filter(m -> m.name.equals(host)).findFirst();
  }

  String stateName() {
    return switch (myState) {
      case 0 -> "STARTUP";
      case 1 -> "PRIMARY";
      case 2 -> "SECONDARY";
      case 3 -> "RECOVERING";
      case 5 -> "STARTUP2";
      case 6 -> "UNKNOWN";
      case 7 -> "ARBITER";
      case 8 -> "DOWN";
      case 9 -> "ROLLBACK";
      case 10 -> "REMOVED";
      default -> "state " + myState;
    };
  }

  /** The view as payload values (no secrets: replies carry none). */
  Map<String, Object> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("site", site);
    p.put("state", stateName());
    p.put("role", role().name());
    me.ifPresent(v -> p.put("me", v));
    setName.ifPresent(v -> p.put("setName", v));
    p.put("term", term);
    lastWrite.ifPresent(v -> p.put("lastWriteOpTime", v.value()));
    applied.ifPresent(v -> p.put("appliedOpTime", v.value()));
    applied.flatMap(OpTime::wall).ifPresent(v -> p.put("lastAppliedWallTime", v.toString()));
    durable.ifPresent(v -> p.put("durableOpTime", v.value()));
    committed.ifPresent(v -> p.put("lastCommittedOpTime", v.value()));
    p.put("syncSourceHost", syncSourceHost);
    config.ifPresent(c -> p.put("configVersion", c.version()));
    if (!problems.isEmpty()) {
      p.put("problems", problems);
    }
    return p;
  }
}
