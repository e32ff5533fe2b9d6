package io.continuity.lab.mongodb;

import static io.continuity.lab.mongodb.FakeReplicaSet.ARBITER;
import static io.continuity.lab.mongodb.FakeReplicaSet.DOWN;
import static io.continuity.lab.mongodb.FakeReplicaSet.PRIMARY;
import static io.continuity.lab.mongodb.FakeReplicaSet.REMOVED;
import static io.continuity.lab.mongodb.FakeReplicaSet.SECONDARY;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.continuity.lab.mongodb.FakeReplicaSet.Config;
import io.continuity.lab.mongodb.FakeReplicaSet.Entry;
import io.continuity.lab.mongodb.FakeReplicaSet.Member;
import io.continuity.lab.mongodb.FakeReplicaSet.MemberConf;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state of a {@link FakeReplicaSet} and its machinery: config propagation, periodic no-ops,
 * elections, replication and rollback, the majority commit point and the network partitions.
 */
abstract class ReplicaSetMachinery {

  final String setName;
  final List<Member> members = new ArrayList<>();
  final ObjectId replicaSetId = new ObjectId();
  final Map<Integer, Integer> partitionGroup = new HashMap<>();
  long term = 1;
  long lastSecs;
  int lastInc;
  Duration periodicNoopInterval = Duration.ofSeconds(10);
  String user;
  String password;
  List<String> roles = List.of("clusterManager", "readWriteAnyDatabase");

  /**
   * The cluster actions each built-in role grants, as far as this fake checks them (mongod's {@code
   * src/mongo/db/auth/role_graph_builtin_roles.cpp}).
   */
  static final Map<String, List<String>> CLUSTER_ACTIONS =
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

  ReplicaSetMachinery(String setName) {
    this.setName = setName;
  }

  // ---------------------------------------------------------------- the set's machinery

  /** Brings the set up to date: config propagation, no-ops, elections, replication. */
  void tick() {
    propagateConfigs();
    for (Member p : members) {
      if (p.up && p.state == PRIMARY && !p.steppingDown) {
        if (!Instant.now().isBefore(p.last().wall().plus(periodicNoopInterval))) {
          p.oplog.add(nextEntry(null, null, new Document("msg", "periodic noop")));
        }
      }
    }
    replicate();
    elect();
    replicate();
  }

  void propagateConfigs() {
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
              && b.config.version() > a.config.version()
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

  void elect() {
    Instant now = Instant.now();
    for (Member p : members) {
      if (p.up && p.state == PRIMARY) {
        long reachable =
            p.config.members().stream()
                .filter(c -> c.votes() > 0)
                .map(c -> byId(c.id()))
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
            .thenComparing(c -> -c.config.member(c.id).get().priority()));
    if (current.isPresent()) {
      Member p = current.get();
      double mine = p.config.member(p.id).map(c -> c.priority()).orElse(0.0);
      for (Member c : candidates) {
        if (connected(p, c)
            && c.last().compareTo(p.last()) >= 0
            && c.config.member(c.id).get().priority() > mine
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

  boolean wins(Member c) {
    long votes = 0;
    for (MemberConf conf : c.config.members()) {
      Member v = byId(conf.id());
      if (conf.votes() > 0
          && (v == c || connected(c, v))
          && v.state != REMOVED
          && c.last().compareTo(v.last()) >= 0) {
        votes++;
      }
    }
    return votes >= c.config.majority();
  }

  void becomePrimary(Member c) {
    term++;
    c.seenAtElection = Optional.of(c.last());
    c.state = PRIMARY;
    c.electionDate = Instant.now();
    c.topologyCounter++;
    c.config = new Config(c.config.version(), term, c.config.members());
    c.oplog.add(nextEntry(null, null, new Document("msg", "new primary")));
  }

  /**
   * Every member that can applies what its sync source (the primary) has; diverged ones roll back.
   */
  void replicate() {
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
        if (theirs.get(i).wall().plus(s.applyDelay).isAfter(now)) {
          break;
        }
        apply(s, theirs.get(i));
      }
    }
  }

  void rollback(Member s, int common) {
    List<Entry> removed = new ArrayList<>(s.oplog.subList(common, s.oplog.size()));
    for (Entry e : removed) {
      if (e.db() != null && e.body() != null) {
        Object coll = e.body().get(e.command());
        String file =
            "rollback/"
                + e.db()
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
    s.oplog.stream().filter(e -> e.db() != null).forEach(e -> dbs.add(e.db()));
    for (String db : dbs) {
      s.backend.applyDirectly(db, "dropDatabase", new Document("dropDatabase", 1));
    }
    List<Entry> kept = new ArrayList<>(s.oplog.subList(0, common));
    s.oplog.clear();
    for (Entry e : kept) {
      apply(s, e);
    }
  }

  static void apply(Member s, Entry e) {
    if (e.db() != null) {
      s.backend.applyDirectly(e.db(), e.command(), e.body());
    }
    s.oplog.add(e);
  }

  /**
   * The member this one replicates from: the primary when it can reach it, else (chaining, allowed
   * by default: settings.chainingAllowed) the reachable member furthest ahead of it — so a
   * secondary keeps catching up from a primary that just stepped down.
   */
  Optional<Member> syncSource(Member s) {
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

  Optional<Member> visiblePrimary(Member m) {
    if (m.state == PRIMARY) {
      return Optional.of(m);
    }
    return members.stream().filter(p -> p.up && p.state == PRIMARY && connected(m, p)).findFirst();
  }

  /** The majority commit point: the newest optime a majority of voting members have applied. */
  Entry commitPoint(Member m) {
    List<Entry> applied = new ArrayList<>();
    for (MemberConf c : m.config.members()) {
      Member x = byId(c.id());
      if (c.votes() > 0 && (x == m || connected(m, x))) {
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
  boolean connected(Member a, Member b) {
    return a.up
        && b.up
        && sameSide(a, b)
        && a.config.member(b.id).isPresent()
        && b.config.member(a.id).isPresent()
        && a.state != REMOVED
        && b.state != REMOVED;
  }

  boolean sameSide(Member a, Member b) {
    return Objects.equals(
        partitionGroup.getOrDefault(a.id, 0), partitionGroup.getOrDefault(b.id, 0));
  }

  Entry nextEntry(String db, String command, Document body) {
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

  Member byId(int id) {
    return members.get(id);
  }

  Document notWritable(Member m) {
    return error(10107, "NotWritablePrimary", "not primary");
  }

  static Document error(int code, String codeName, String message) {
    return new Document("ok", 0.0)
        .append("errmsg", message)
        .append("code", code)
        .append("codeName", codeName);
  }

  static long number(Object value, long fallback) {
    return value instanceof Number n ? n.longValue() : fallback;
  }

  static String stateStr(int state) {
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
