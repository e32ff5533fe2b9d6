package io.continuity.lab.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.netty.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
public final class FakeReplicaSet extends ReplicaSetCommands implements AutoCloseable {

  public static final int PRIMARY = 1;
  public static final int SECONDARY = 2;
  public static final int ARBITER = 7;
  public static final int DOWN = 8;
  public static final int REMOVED = 10;

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
    super(setName);
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
}
