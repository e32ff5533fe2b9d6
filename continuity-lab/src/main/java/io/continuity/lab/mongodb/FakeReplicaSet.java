package io.continuity.lab.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A wire-level fake MongoDB replica set for tests: one mongo-java-server {@link MongoServer} per
 * member on a loopback port, so the connector talks to it with the real {@code mongodb-driver-sync}
 * (brief §4.1). This controller holds the set's state and answers the replica-set commands with the
 * shapes and error codes of MongoDB's documentation; everything else (CRUD, queries) is the
 * in-memory backend of the member that was asked.
 *
 * <p>What it models, with the page each rule comes from:
 *
 * <ul>
 *   <li>{@code hello}/{@code isMaster} fields:
 *       https://www.mongodb.com/docs/manual/reference/command/hello/ ({@code isWritablePrimary} for
 *       hello, {@code ismaster} for the legacy name; {@code lastWrite.opTime}, {@code
 *       lastWriteDate}, {@code majorityOpTime}; hidden members are not in {@code hosts}).
 *   <li>{@code replSetGetStatus}:
 *       https://www.mongodb.com/docs/manual/reference/command/replSetGetStatus/ (optimes {@code
 *       {ts, t}}, {@code optimeDate} with seconds resolution, an unreachable member as {@code
 *       health 0, state 8, "(not reachable/healthy)"}, optime {@code {ts: Timestamp(0, 0), t: -1}}
 *       and 1970 dates).
 *   <li>{@code replSetGetConfig}:
 *       https://www.mongodb.com/docs/manual/reference/replica-configuration/
 *   <li>{@code replSetStepDown}:
 *       https://www.mongodb.com/docs/manual/reference/command/replSetStepDown/ and mongod's {@code
 *       ReplicationCoordinatorImpl}: only on a primary (10107 otherwise), writes refused while it
 *       waits up to {@code secondaryCatchUpPeriodSecs} for a majority at its last optime and an
 *       electable secondary at it, else 262 ExceededTimeLimit "No electable secondaries caught up
 *       as of …"; then it is not electable for the stepdown period.
 *   <li>{@code replSetFreeze}: https://www.mongodb.com/docs/manual/reference/command/replSetFreeze/
 *       (N seconds not electable, 0 unfreezes; a primary refuses with 95 NotSecondary "cannot
 *       freeze node when primary or running for election. state: Primary" — mongod's {@code
 *       TopologyCoordinator::prepareFreezeResponse}).
 *   <li>{@code replSetReconfig}:
 *       https://www.mongodb.com/docs/manual/reference/command/replSetReconfig/ (non-force only on
 *       the primary, version must be greater, at most one voting member added or removed; {@code
 *       force: true} on any member, version raised "by tens or hundreds of thousands" — tutorial
 *       reconfigure-replica-set-with-unavailable-members).
 *   <li>Elections follow the vote rule of the replication protocol: a candidate needs a majority of
 *       voting members, each of which votes only for a candidate whose optime is not behind its
 *       own; frozen, stepped-down, priority-0, hidden and arbiter members do not stand; a caught-up
 *       secondary of higher priority takes over
 *       (https://www.mongodb.com/docs/manual/core/replica-set-elections/).
 *   <li>Writes on a non-primary: 10107 NotWritablePrimary "not primary" ({@code
 *       src/mongo/base/error_codes.yml}).
 *   <li>Idle primaries write a no-op every {@code periodicNoopInterval} (writePeriodicNoops, ~10
 *       s).
 *   <li>Rollback: a member whose oplog diverged from its sync source's rolls back to the common
 *       point and keeps "rollback files" {@code rollback/<ns>/removed.<timestamp>.bson}
 *       (https://www.mongodb.com/docs/manual/core/replica-set-rollbacks/; the real directory is the
 *       collection UUID, here the namespace).
 * </ul>
 *
 * <p>Limits (decision 018): elections are immediate and deterministic (no election timeout, no
 * randomness, no heartbeat staleness: every view is current); one oplog entry per write command
 * (not per document); a secondary syncs from the primary, or without one from the member furthest
 * ahead; authentication is SASL PLAIN only; wire version 8.
 */
public final class FakeReplicaSet implements AutoCloseable {

  public static final int PRIMARY = 1;
  public static final int SECONDARY = 2;
  public static final int ARBITER = 7;
  public static final int DOWN = 8;
  public static final int REMOVED = 10;

  private final String setName;
  private final List<Member> members = new ArrayList<>();
  private final ObjectId replicaSetId = new ObjectId();
  private final Map<Integer, Integer> partitionGroup = new HashMap<>();
  private long term = 1;
  private long lastSecs;
  private int lastInc;
  private Duration periodicNoopInterval = Duration.ofSeconds(10);
  private String user;
  private String password;
  private List<String> roles = List.of("clusterManager", "readWriteAnyDatabase");

  /**
   * The cluster actions each built-in role grants, as far as this fake checks them (mongod's {@code
   * src/mongo/db/auth/role_graph_builtin_roles.cpp}).
   */
  private static final Map<String, List<String>> CLUSTER_ACTIONS =
      Map.of(
          "clusterManager",
          List.of(
              "appendOplogNote",
              "applicationMessage",
              "replSetConfigure",
              "replSetGetConfig",
              "replSetGetStatus",
              "replSetStateChange",
              "resync"),
          "clusterMonitor",
          List.of("replSetGetConfig", "replSetGetStatus", "serverStatus"));

  /** One member: its configured place, its server, its state and its own oplog. */
  public static final class Member {
    final int id;
    final String name;
    final String site;
    MongoServer server;
    MemberBackend backend;
    int port;
    boolean up = true;
    int state = SECONDARY;
    final List<Entry> oplog = new ArrayList<>();
    Config config;
    Instant frozenUntil = Instant.EPOCH;
    Instant stepDownUntil = Instant.EPOCH;
    boolean applyPaused;
    Duration applyDelay = Duration.ZERO;
    boolean steppingDown;
    final ObjectId processId = new ObjectId();
    long topologyCounter;
    Instant startedAt = Instant.now();
    Instant electionDate;
    Optional<Entry> seenAtElection = Optional.empty();
    final List<String> rollbackFiles = new ArrayList<>();
    final Set<Channel> authenticated = Collections.synchronizedSet(new HashSet<>());

    Member(int id, String name, String site) {
      this.id = id;
      this.name = name;
      this.site = site;
    }

    public String name() {
      return name;
    }

    public String site() {
      return site;
    }

    public int port() {
      return port;
    }

    String host() {
      return "127.0.0.1:" + port;
    }

    Entry last() {
      return oplog.get(oplog.size() - 1);
    }
  }

  /** One oplog entry: its optime, wall time, and the write it replays (null for a no-op). */
  record Entry(long t, long secs, int inc, Instant wall, String db, String command, Document body)
      implements Comparable<Entry> {

    @Override
    public int compareTo(Entry o) {
      // optime.h: term first, then timestamp
      return Comparator.comparingLong(Entry::t)
          .thenComparingLong(Entry::secs)
          .thenComparingInt(Entry::inc)
          .compare(this, o);
    }

    boolean sameOpTime(Entry o) {
      return t == o.t && secs == o.secs && inc == o.inc;
    }

    Document opTime() {
      return new Document("ts", new BsonTimestamp(secs << 32 | (inc & 0xffffffffL))).append("t", t);
    }
  }

  /** A member's replica-set configuration (each member holds its own copy). */
  record Config(int version, long term, List<MemberConf> members) {
    Optional<MemberConf> member(int id) {
      return members.stream().filter(m -> m.id == id).findFirst();
    }

    long voters() {
      return members.stream().filter(m -> m.votes > 0).count();
    }

    long majority() {
      return voters() / 2 + 1;
    }
  }

  record MemberConf(int id, double priority, int votes, boolean hidden, boolean arbiter) {
    boolean electable() {
      return priority > 0 && votes > 0 && !hidden && !arbiter;
    }
  }

  private FakeReplicaSet(String setName) {
    this.setName = setName;
  }

  /**
   * Starts a set of members named {@code site-n}, {@code counts} members per site in order, all
   * electable with priority 1 and one vote; the first member is primary.
   */
  public static FakeReplicaSet start(String setName, Map<String, Integer> counts) {
    FakeReplicaSet set = new FakeReplicaSet(setName);
    int id = 0;
    for (Map.Entry<String, Integer> site : counts.entrySet()) {
      for (int i = 1; i <= site.getValue(); i++) {
        Member m = new Member(id++, site.getKey() + "-" + i, site.getKey());
        m.backend = new MemberBackend(set, m);
        m.server = new MongoServer(m.backend);
        m.port = m.server.bind().getPort();
        set.members.add(m);
      }
    }
    List<MemberConf> confs = new ArrayList<>();
    for (Member m : set.members) {
      confs.add(new MemberConf(m.id, 1, 1, false, false));
    }
    Config config = new Config(1, 1, confs);
    Entry initiate = set.nextEntry(null, null, new Document("msg", "initiating set"));
    for (Member m : set.members) {
      m.config = config;
      m.oplog.add(initiate);
    }
    synchronized (set) {
      Member first = set.members.get(0);
      first.state = PRIMARY;
      first.electionDate = Instant.now();
      first.seenAtElection = Optional.of(initiate);
    }
    return set;
  }

  /** Requires SASL PLAIN authentication with this user and password on every member. */
  public synchronized FakeReplicaSet requireLogin(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  /** The built-in roles the login user holds (default clusterManager, readWriteAnyDatabase). */
  public synchronized void grantOnly(String... roles) {
    this.roles = List.of(roles);
  }

  private boolean granted(String action) {
    return user == null
        || roles.stream()
            .anyMatch(r -> CLUSTER_ACTIONS.getOrDefault(r, List.of()).contains(action));
  }

  private Document connectionStatus(Channel channel, Document query) {
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

  private boolean authenticatedAnywhere(Channel channel) {
    return members.stream().anyMatch(m -> m.authenticated.contains(channel));
  }

  private static Document unauthorized(String command) {
    return error(
        13, "Unauthorized", "not authorized on admin to execute command { " + command + " }");
  }

  public synchronized void setPeriodicNoopInterval(Duration interval) {
    this.periodicNoopInterval = interval;
  }

  public List<Member> members() {
    return List.copyOf(members);
  }

  public List<Member> membersOf(String site) {
    return members.stream().filter(m -> m.site.equals(site)).toList();
  }

  public Member member(String name) {
    return members.stream()
        .filter(m -> m.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member " + name));
  }

  /** The member that is primary now, if any. */
  public synchronized Optional<Member> primary() {
    tick();
    return members.stream().filter(m -> m.up && m.state == PRIMARY).findFirst();
  }

  public synchronized long term() {
    return term;
  }

  public synchronized int state(Member m) {
    tick();
    return m.up ? m.state : DOWN;
  }

  public synchronized List<String> rollbackFiles(Member m) {
    return List.copyOf(m.rollbackFiles);
  }

  /** Sets a member's priority in every member's configuration (as a setup, not a reconfig). */
  public synchronized void setPriority(Member target, double priority) {
    for (Member m : members) {
      List<MemberConf> confs = new ArrayList<>();
      for (MemberConf c : m.config.members) {
        confs.add(
            c.id == target.id ? new MemberConf(c.id, priority, c.votes, c.hidden, c.arbiter) : c);
      }
      m.config = new Config(m.config.version, m.config.term, confs);
    }
  }

  /** Stops a member from applying what its sync source has (heartbeats still flow). */
  public synchronized void pauseApply(Member m) {
    m.applyPaused = true;
  }

  /** Makes a member apply each entry only once it is {@code delay} old (lag under load). */
  public synchronized void setApplyDelay(Member m, Duration delay) {
    m.applyDelay = delay;
  }

  public synchronized void resumeApply(Member m) {
    m.applyPaused = false;
    tick();
  }

  /** Cuts the network between a site's members and every other member (clients still reach it). */
  public synchronized void partition(String site) {
    for (Member m : membersOf(site)) {
      partitionGroup.put(m.id, 1);
    }
    tick();
  }

  public synchronized void heal() {
    partitionGroup.clear();
    tick();
  }

  /** Kills a member: its port refuses connections, the others see it down. */
  public void stop(Member m) {
    MongoServer server;
    synchronized (this) {
      m.up = false;
      m.state = DOWN;
      m.topologyCounter++;
      server = m.server;
    }
    server.shutdownNow();
    synchronized (this) {
      tick();
    }
  }

  /**
   * Starts a stopped member again on its port, its data rebuilt from its own oplog (what it had
   * made durable). It comes back SECONDARY and learns the set's newer config from its peers, so a
   * member the set no longer lists becomes REMOVED.
   */
  public void restart(Member m) {
    MongoServer server;
    synchronized (this) {
      if (m.up) {
        return;
      }
      m.backend = new MemberBackend(this, m);
      for (Entry e : m.oplog) {
        if (e.db != null) {
          m.backend.applyDirectly(e.db, e.command, e.body);
        }
      }
      server = new MongoServer(m.backend);
    }
    RuntimeException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        server.bind("127.0.0.1", m.port);
        last = null;
        break;
      } catch (RuntimeException e) {
        last = e;
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    if (last != null) {
      throw last;
    }
    synchronized (this) {
      m.server = server;
      m.up = true;
      m.state = SECONDARY;
      m.startedAt = Instant.now();
      m.frozenUntil = Instant.EPOCH;
      m.stepDownUntil = Instant.EPOCH;
      m.authenticated.clear();
      tick();
    }
  }

  /**
   * Inserts one document {@code {n: <number>}} into {@code db.collection} on the current primary,
   * as a client's acknowledged insert would (the oplog entry replicates like any other): the demo's
   * low write load, so the optimes move. False when no member is primary.
   */
  public synchronized boolean insertOnPrimary(String db, String collection, long number) {
    if (primary().isEmpty()) {
      return false;
    }
    applyOnPrimary(
        db,
        "insert",
        new Document("insert", collection).append("documents", List.of(new Document("n", number))));
    return true;
  }

  /** Runs a write on the primary as a client would, returning the reply. */
  synchronized Document applyOnPrimary(String db, String command, Document body) {
    Member p = primary().orElseThrow(() -> new IllegalStateException("no primary"));
    return write(p, db, command, body);
  }

  @Override
  public void close() {
    for (Member m : members) {
      if (m.up) {
        m.server.shutdownNow();
      }
    }
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

  private Document write(Member p, String db, String command, Document query) {
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

  private Document hello(Member m, Channel channel, boolean isHello) {
    Document r = m.backend.plainHello(channel);
    r.remove("ismaster");
    boolean primary = m.state == PRIMARY && !m.steppingDown;
    r.put(isHello ? "isWritablePrimary" : "ismaster", primary);
    r.put("secondary", m.state == SECONDARY || (m.state == PRIMARY && m.steppingDown));
    // no topologyVersion: a wire-version-8 (4.2) server never sends it, and a driver that sees it
    // switches to the streaming (exhaustAllowed) monitor that mongo-java-server cannot decode
    Optional<MemberConf> self = m.config.member(m.id);
    if (self.isEmpty() || m.state == REMOVED) {
      r.put("info", "Does not have a valid replica set config");
      r.put("isreplicaset", true);
      return r;
    }
    List<String> hosts = new ArrayList<>();
    List<String> passives = new ArrayList<>();
    List<String> arbiters = new ArrayList<>();
    for (MemberConf c : m.config.members) {
      Member x = byId(c.id);
      if (c.arbiter) {
        arbiters.add(x.host());
      } else if (!c.hidden) {
        (c.priority > 0 ? hosts : passives).add(x.host());
      }
    }
    r.put("hosts", hosts);
    if (!passives.isEmpty()) {
      r.put("passives", passives);
    }
    if (!arbiters.isEmpty()) {
      r.put("arbiters", arbiters);
    }
    r.put("setName", setName);
    r.put("setVersion", m.config.version);
    visiblePrimary(m).ifPresent(p -> r.put("primary", p.host()));
    r.put("me", m.host());
    if (primary) {
      r.put("electionId", new ObjectId(String.format("7fffffff%016x", term)));
    }
    Entry last = m.last();
    Entry majority = commitPoint(m);
    r.put(
        "lastWrite",
        new Document("opTime", last.opTime())
            .append("lastWriteDate", last.wall)
            .append("majorityOpTime", majority.opTime())
            .append("majorityWriteDate", majority.wall));
    if (self.get().hidden) {
      r.put("hidden", true);
    }
    if (self.get().arbiter) {
      r.put("arbiterOnly", true);
    }
    if (self.get().priority == 0) {
      r.put("passive", true);
    }
    return r;
  }

  private Document status(Member m) {
    if (m.config.member(m.id).isEmpty() || m.state == REMOVED) {
      // a removed member answers with its own state and optime and an error ([3p] a captured
      // REMOVED reply: fgm/untilMongod replication/status_removed.js)
      Entry last = m.last();
      return new Document("state", REMOVED)
          .append("stateStr", "REMOVED")
          .append("uptime", Duration.between(m.startedAt, Instant.now()).toSeconds())
          .append("optime", last.opTime())
          .append("optimeDate", Instant.ofEpochSecond(last.secs))
          .append("ok", 0.0)
          .append("errmsg", "Our replica set config is invalid or we are not a member of it")
          .append("code", 93)
          .append("codeName", "InvalidReplicaSetConfig");
    }
    Instant now = Instant.now();
    Entry last = m.last();
    Entry committed = commitPoint(m);
    Optional<Member> source = syncSource(m);
    Document optimes =
        new Document("lastCommittedOpTime", committed.opTime())
            .append("lastCommittedWallTime", committed.wall)
            .append("readConcernMajorityOpTime", committed.opTime())
            .append("readConcernMajorityWallTime", committed.wall)
            .append("appliedOpTime", last.opTime())
            .append("durableOpTime", last.opTime())
            .append("writtenOpTime", last.opTime())
            .append("lastAppliedWallTime", last.wall)
            .append("lastDurableWallTime", last.wall)
            .append("lastWrittenWallTime", last.wall);
    List<Document> list = new ArrayList<>();
    for (MemberConf c : m.config.members) {
      Member x = byId(c.id);
      Document d = new Document("_id", x.id).append("name", x.host());
      if (x == m) {
        d.append("health", 1.0)
            .append("state", m.state)
            .append("stateStr", stateStr(m.state))
            .append("uptime", Duration.between(m.startedAt, now).toSeconds());
        optimeFields(d, x.last());
        d.append("syncSourceHost", source.map(Member::host).orElse(""))
            .append("syncSourceId", source.map(s -> s.id).orElse(-1))
            .append("infoMessage", "")
            .append("configVersion", m.config.version)
            .append("configTerm", m.config.term)
            .append("self", true)
            .append("lastHeartbeatMessage", "");
      } else if (connected(m, x)) {
        Optional<Member> theirs = syncSource(x);
        d.append("health", 1.0)
            .append("state", x.state)
            .append("stateStr", stateStr(x.state))
            .append("uptime", Duration.between(x.startedAt, now).toSeconds());
        optimeFields(d, x.last());
        d.append("lastHeartbeat", now)
            .append("lastHeartbeatRecv", now)
            .append("pingMs", 0L)
            .append("lastHeartbeatMessage", "")
            .append("syncSourceHost", theirs.map(Member::host).orElse(""))
            .append("syncSourceId", theirs.map(s -> s.id).orElse(-1))
            .append("infoMessage", "")
            .append("configVersion", x.config.version)
            .append("configTerm", x.config.term);
      } else {
        Document unknown = new Document("ts", new BsonTimestamp(0L)).append("t", -1L);
        d.append("health", 0.0)
            .append("state", DOWN)
            .append("stateStr", "(not reachable/healthy)")
            .append("uptime", 0L)
            .append("optime", unknown)
            .append("optimeDurable", unknown)
            .append("optimeWritten", unknown)
            .append("optimeDate", Instant.EPOCH)
            .append("optimeDurableDate", Instant.EPOCH)
            .append("optimeWrittenDate", Instant.EPOCH)
            .append("lastAppliedWallTime", Instant.EPOCH)
            .append("lastDurableWallTime", Instant.EPOCH)
            .append("lastWrittenWallTime", Instant.EPOCH)
            .append("lastHeartbeat", now)
            .append("lastHeartbeatRecv", Instant.EPOCH)
            .append("pingMs", 0L)
            .append(
                "lastHeartbeatMessage",
                "Error connecting to " + x.host() + " :: caused by :: Connection refused")
            .append("syncSourceHost", "")
            .append("syncSourceId", -1)
            .append("infoMessage", "")
            .append("configVersion", -1)
            .append("configTerm", -1);
      }
      if (x.state == PRIMARY && (x == m || connected(m, x)) && x.electionDate != null) {
        d.append("electionDate", x.electionDate);
      }
      list.add(d);
    }
    Document r =
        new Document("set", setName)
            .append("date", now)
            .append("myState", m.state)
            .append("term", term)
            .append("syncSourceHost", source.map(Member::host).orElse(""))
            .append("syncSourceId", source.map(s -> s.id).orElse(-1))
            .append("heartbeatIntervalMillis", 2000L)
            .append("majorityVoteCount", (int) m.config.majority())
            .append("writeMajorityCount", (int) m.config.majority())
            .append("votingMembersCount", (int) m.config.voters())
            .append("writableVotingMembersCount", (int) m.config.voters())
            .append("optimes", optimes);
    if (m.state == PRIMARY && m.seenAtElection.isPresent()) {
      r.append(
          "electionCandidateMetrics",
          new Document("lastElectionReason", "electionTimeout")
              .append("lastElectionDate", m.electionDate)
              .append("electionTerm", term)
              .append("lastSeenOpTimeAtElection", m.seenAtElection.get().opTime())
              .append("numVotesNeeded", (int) m.config.majority())
              .append(
                  "priorityAtElection", m.config.member(m.id).map(c -> c.priority).orElse(0.0)));
    }
    return r.append("members", list).append("ok", 1.0);
  }

  private static void optimeFields(Document d, Entry e) {
    Instant seconds = Instant.ofEpochSecond(e.secs);
    d.append("optime", e.opTime())
        .append("optimeDurable", e.opTime())
        .append("optimeWritten", e.opTime())
        .append("optimeDate", seconds)
        .append("optimeDurableDate", seconds)
        .append("optimeWrittenDate", seconds)
        .append("lastAppliedWallTime", e.wall)
        .append("lastDurableWallTime", e.wall)
        .append("lastWrittenWallTime", e.wall);
  }

  private Document configDocument(Config config) {
    List<Document> list = new ArrayList<>();
    for (MemberConf c : config.members) {
      list.add(
          new Document("_id", c.id)
              .append("host", byId(c.id).host())
              .append("arbiterOnly", c.arbiter)
              .append("buildIndexes", true)
              .append("hidden", c.hidden)
              .append("priority", c.priority)
              .append("tags", new Document())
              .append("secondaryDelaySecs", 0L)
              .append("votes", c.votes));
    }
    return new Document("_id", setName)
        .append("version", config.version)
        .append("term", config.term)
        .append("protocolVersion", 1L)
        .append("writeConcernMajorityJournalDefault", true)
        .append("members", list)
        .append(
            "settings",
            new Document("chainingAllowed", true)
                .append("heartbeatIntervalMillis", 2000)
                .append("heartbeatTimeoutSecs", 10)
                .append("electionTimeoutMillis", 10000)
                .append("catchUpTimeoutMillis", -1)
                .append("catchUpTakeoverDelayMillis", 30000)
                .append("replicaSetId", replicaSetId));
  }

  private Document freeze(Member m, Document query) {
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

  private Document stepDown(Member m, Document query) {
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
  private boolean safeToStepDown(Member p) {
    Entry last = p.last();
    long caughtUp = 0;
    boolean electable = false;
    for (MemberConf c : p.config.members) {
      Member x = byId(c.id);
      boolean reached = (x == p || connected(p, x)) && x.last().compareTo(last) >= 0;
      if (reached && c.votes > 0) {
        caughtUp++;
      }
      if (reached && x != p && c.electable() && x.state == SECONDARY) {
        electable = true;
      }
    }
    return electable && caughtUp >= p.config.majority();
  }

  private Document reconfig(Member m, Document query) {
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
    if (confs.stream().noneMatch(c -> c.id == m.id)) {
      return error(
          93,
          "InvalidReplicaSetConfig",
          "the node receiving the reconfig is not in the new config");
    }
    int newVersion;
    if (force) {
      newVersion = m.config.version + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    } else {
      if (version <= m.config.version) {
        return error(
            103,
            "NewReplicaSetConfigurationIncompatible",
            "version field value of "
                + version
                + " is not greater than the current version "
                + m.config.version);
      }
      Set<Integer> before = voterIds(m.config.members);
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

  private static Set<Integer> voterIds(List<MemberConf> confs) {
    Set<Integer> ids = new LinkedHashSet<>();
    confs.stream().filter(c -> c.votes > 0).forEach(c -> ids.add(c.id));
    return ids;
  }

  private Document sasl(Member m, Channel channel, Document query) {
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

  // ---------------------------------------------------------------- the set's machinery

  /** Brings the set up to date: config propagation, no-ops, elections, replication. */
  private void tick() {
    propagateConfigs();
    for (Member p : members) {
      if (p.up && p.state == PRIMARY && !p.steppingDown) {
        if (!Instant.now().isBefore(p.last().wall.plus(periodicNoopInterval))) {
          p.oplog.add(nextEntry(null, null, new Document("msg", "periodic noop")));
        }
      }
    }
    replicate();
    elect();
    replicate();
  }

  private void propagateConfigs() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Member a : members) {
        for (Member b : members) {
          if (a != b
              && a.up
              && b.up
              && sameSide(a, b)
              && b.config.member(b.id).isPresent()
              && b.config.version > a.config.version
              && (a.config.member(b.id).isPresent() || b.config.member(a.id).isPresent())) {
            a.config = b.config;
            if (a.config.member(a.id).isEmpty()) {
              a.state = REMOVED;
            } else if (a.state == REMOVED) {
              a.state = SECONDARY;
            }
            a.topologyCounter++;
            changed = true;
          }
        }
      }
    }
  }

  private void elect() {
    Instant now = Instant.now();
    for (Member p : members) {
      if (p.up && p.state == PRIMARY) {
        long reachable =
            p.config.members.stream()
                .filter(c -> c.votes > 0)
                .map(c -> byId(c.id))
                .filter(x -> x == p || connected(p, x))
                .count();
        if (reachable < p.config.majority()) {
          p.state = SECONDARY; // a primary that cannot see a majority steps down
          p.topologyCounter++;
        }
      }
    }
    Optional<Member> current = members.stream().filter(m -> m.up && m.state == PRIMARY).findFirst();
    List<Member> candidates = new ArrayList<>();
    for (Member c : members) {
      Optional<MemberConf> conf = c.config.member(c.id);
      if (c.up
          && c.state == SECONDARY
          && conf.isPresent()
          && conf.get().electable()
          && !now.isBefore(c.frozenUntil)
          && !now.isBefore(c.stepDownUntil)) {
        candidates.add(c);
      }
    }
    candidates.sort(
        Comparator.comparing(Member::last)
            .reversed()
            .thenComparing(c -> -c.config.member(c.id).get().priority));
    if (current.isPresent()) {
      Member p = current.get();
      double mine = p.config.member(p.id).map(c -> c.priority).orElse(0.0);
      for (Member c : candidates) {
        if (connected(p, c)
            && c.last().compareTo(p.last()) >= 0
            && c.config.member(c.id).get().priority > mine
            && wins(c)) {
          p.state = SECONDARY; // priority takeover
          p.topologyCounter++;
          becomePrimary(c);
          return;
        }
      }
      return;
    }
    for (Member c : candidates) {
      if (wins(c)) {
        becomePrimary(c);
        return;
      }
    }
  }

  private boolean wins(Member c) {
    long votes = 0;
    for (MemberConf conf : c.config.members) {
      Member v = byId(conf.id);
      if (conf.votes > 0
          && (v == c || connected(c, v))
          && v.state != REMOVED
          && c.last().compareTo(v.last()) >= 0) {
        votes++;
      }
    }
    return votes >= c.config.majority();
  }

  private void becomePrimary(Member c) {
    term++;
    c.seenAtElection = Optional.of(c.last());
    c.state = PRIMARY;
    c.electionDate = Instant.now();
    c.topologyCounter++;
    c.config = new Config(c.config.version, term, c.config.members);
    c.oplog.add(nextEntry(null, null, new Document("msg", "new primary")));
  }

  /**
   * Every member that can applies what its sync source (the primary) has; diverged ones roll back.
   */
  private void replicate() {
    for (Member s : members) {
      if (!s.up || s.applyPaused || s.state == PRIMARY || s.state == REMOVED) {
        continue;
      }
      Optional<Member> source = syncSource(s);
      if (source.isEmpty()) {
        continue;
      }
      List<Entry> theirs = source.get().oplog;
      int common = 0;
      while (common < s.oplog.size()
          && common < theirs.size()
          && s.oplog.get(common).sameOpTime(theirs.get(common))) {
        common++;
      }
      if (common < s.oplog.size()) {
        rollback(s, common);
      }
      Instant now = Instant.now();
      for (int i = s.oplog.size(); i < theirs.size(); i++) {
        if (theirs.get(i).wall.plus(s.applyDelay).isAfter(now)) {
          break;
        }
        apply(s, theirs.get(i));
      }
    }
  }

  private void rollback(Member s, int common) {
    List<Entry> removed = new ArrayList<>(s.oplog.subList(common, s.oplog.size()));
    for (Entry e : removed) {
      if (e.db != null && e.body != null) {
        Object coll = e.body.get(e.command);
        String file =
            "rollback/"
                + e.db
                + "."
                + coll
                + "/removed."
                + Instant.now().toString().replace(':', '-')
                + ".bson";
        if (!s.rollbackFiles.contains(file)) {
          s.rollbackFiles.add(file);
        }
      }
    }
    Set<String> dbs = new HashSet<>();
    s.oplog.stream().filter(e -> e.db != null).forEach(e -> dbs.add(e.db));
    for (String db : dbs) {
      s.backend.applyDirectly(db, "dropDatabase", new Document("dropDatabase", 1));
    }
    List<Entry> kept = new ArrayList<>(s.oplog.subList(0, common));
    s.oplog.clear();
    for (Entry e : kept) {
      apply(s, e);
    }
  }

  private static void apply(Member s, Entry e) {
    if (e.db != null) {
      s.backend.applyDirectly(e.db, e.command, e.body);
    }
    s.oplog.add(e);
  }

  /**
   * The member this one replicates from: the primary when it can reach it, else (chaining, allowed
   * by default: settings.chainingAllowed) the reachable member furthest ahead of it — so a
   * secondary keeps catching up from a primary that just stepped down.
   */
  private Optional<Member> syncSource(Member s) {
    if (s.state == PRIMARY || s.applyPaused || !s.up) {
      return Optional.empty();
    }
    Optional<Member> primary =
        members.stream().filter(p -> p.up && p.state == PRIMARY && connected(s, p)).findFirst();
    if (primary.isPresent()) {
      return primary;
    }
    return members.stream()
        .filter(x -> x != s && x.up && x.state == SECONDARY && connected(s, x))
        .filter(x -> x.last().compareTo(s.last()) > 0)
        .max(Comparator.comparing(Member::last));
  }

  private Optional<Member> visiblePrimary(Member m) {
    if (m.state == PRIMARY) {
      return Optional.of(m);
    }
    return members.stream().filter(p -> p.up && p.state == PRIMARY && connected(m, p)).findFirst();
  }

  /** The majority commit point: the newest optime a majority of voting members have applied. */
  private Entry commitPoint(Member m) {
    List<Entry> applied = new ArrayList<>();
    for (MemberConf c : m.config.members) {
      Member x = byId(c.id);
      if (c.votes > 0 && (x == m || connected(m, x))) {
        applied.add(x.last());
      }
    }
    applied.sort(Comparator.reverseOrder());
    int majority = (int) m.config.majority();
    if (applied.size() < majority) {
      return m.oplog.get(0);
    }
    Entry point = applied.get(majority - 1);
    return m.oplog.stream().filter(e -> e.sameOpTime(point)).findFirst().orElse(m.oplog.get(0));
  }

  /**
   * Two members hear each other: both up, on the same side of any partition, in each other's
   * config.
   */
  private boolean connected(Member a, Member b) {
    return a.up
        && b.up
        && sameSide(a, b)
        && a.config.member(b.id).isPresent()
        && b.config.member(a.id).isPresent()
        && a.state != REMOVED
        && b.state != REMOVED;
  }

  private boolean sameSide(Member a, Member b) {
    return Objects.equals(
        partitionGroup.getOrDefault(a.id, 0), partitionGroup.getOrDefault(b.id, 0));
  }

  private Entry nextEntry(String db, String command, Document body) {
    Instant now = Instant.now();
    long secs = now.getEpochSecond();
    if (secs > lastSecs) {
      lastSecs = secs;
      lastInc = 1;
    } else {
      lastInc++;
    }
    return new Entry(term, lastSecs, lastInc, now, db, command, body);
  }

  private Member byId(int id) {
    return members.get(id);
  }

  private Document notWritable(Member m) {
    return error(10107, "NotWritablePrimary", "not primary");
  }

  private static Document error(int code, String codeName, String message) {
    return new Document("ok", 0.0)
        .append("errmsg", message)
        .append("code", code)
        .append("codeName", codeName);
  }

  private static long number(Object value, long fallback) {
    return value instanceof Number n ? n.longValue() : fallback;
  }

  private static String stateStr(int state) {
    return switch (state) {
      case 0 -> "STARTUP";
      case PRIMARY -> "PRIMARY";
      case SECONDARY -> "SECONDARY";
      case 3 -> "RECOVERING";
      case 5 -> "STARTUP2";
      case ARBITER -> "ARBITER";
      case DOWN -> "DOWN";
      case 9 -> "ROLLBACK";
      case REMOVED -> "REMOVED";
      default -> "UNKNOWN";
    };
  }
}
