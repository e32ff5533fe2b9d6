package io.continuity.lab.mongodb;

import static io.continuity.lab.mongodb.FakeReplicaSet.DOWN;
import static io.continuity.lab.mongodb.FakeReplicaSet.PRIMARY;
import static io.continuity.lab.mongodb.FakeReplicaSet.REMOVED;
import static io.continuity.lab.mongodb.FakeReplicaSet.SECONDARY;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.continuity.lab.mongodb.FakeReplicaSet.Config;
import io.continuity.lab.mongodb.FakeReplicaSet.Entry;
import io.continuity.lab.mongodb.FakeReplicaSet.Member;
import io.continuity.lab.mongodb.FakeReplicaSet.MemberConf;
import io.netty.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status answers of a {@link FakeReplicaSet}: {@code hello}/{@code isMaster}, {@code
 * replSetGetStatus} and {@code replSetGetConfig} documents.
 */
abstract class ReplicaSetStatusAnswers extends ReplicaSetMachinery {

  ReplicaSetStatusAnswers(String setName) {
    super(setName);
  }

  Document hello(Member m, Channel channel, boolean isHello) {
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
    for (MemberConf c : m.config.members()) {
      Member x = byId(c.id());
      if (c.arbiter()) {
        arbiters.add(x.host());
      } else if (!c.hidden()) {
        (c.priority() > 0 ? hosts : passives).add(x.host());
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
    r.put("setVersion", m.config.version());
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
            .append("lastWriteDate", last.wall())
            .append("majorityOpTime", majority.opTime())
            .append("majorityWriteDate", majority.wall()));
    if (self.get().hidden()) {
      r.put("hidden", true);
    }
    if (self.get().arbiter()) {
      r.put("arbiterOnly", true);
    }
    if (self.get().priority() == 0) {
      r.put("passive", true);
    }
    return r;
  }

  Document status(Member m) {
    if (m.config.member(m.id).isEmpty() || m.state == REMOVED) {
      // a removed member answers with its own state and optime and an error ([3p] a captured
      // REMOVED reply: fgm/untilMongod replication/status_removed.js)
      Entry last = m.last();
      return new Document("state", REMOVED)
          .append("stateStr", "REMOVED")
          .append("uptime", Duration.between(m.startedAt, Instant.now()).toSeconds())
          .append("optime", last.opTime())
          .append("optimeDate", Instant.ofEpochSecond(last.secs()))
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
            .append("lastCommittedWallTime", committed.wall())
            .append("readConcernMajorityOpTime", committed.opTime())
            .append("readConcernMajorityWallTime", committed.wall())
            .append("appliedOpTime", last.opTime())
            .append("durableOpTime", last.opTime())
            .append("writtenOpTime", last.opTime())
            .append("lastAppliedWallTime", last.wall())
            .append("lastDurableWallTime", last.wall())
            .append("lastWrittenWallTime", last.wall());
    List<Document> list = new ArrayList<>();
    for (MemberConf c : m.config.members()) {
      Member x = byId(c.id());
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
            .append("configVersion", m.config.version())
            .append("configTerm", m.config.term())
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
            .append("configVersion", x.config.version())
            .append("configTerm", x.config.term());
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
                  "priorityAtElection", m.config.member(m.id).map(c -> c.priority()).orElse(0.0)));
    }
    return r.append("members", list).append("ok", 1.0);
  }

  static void optimeFields(Document d, Entry e) {
    Instant seconds = Instant.ofEpochSecond(e.secs());
    d.append("optime", e.opTime())
        .append("optimeDurable", e.opTime())
        .append("optimeWritten", e.opTime())
        .append("optimeDate", seconds)
        .append("optimeDurableDate", seconds)
        .append("optimeWrittenDate", seconds)
        .append("lastAppliedWallTime", e.wall())
        .append("lastDurableWallTime", e.wall())
        .append("lastWrittenWallTime", e.wall());
  }

  Document configDocument(Config config) {
    List<Document> list = new ArrayList<>();
    for (MemberConf c : config.members()) {
      list.add(
          new Document("_id", c.id())
              .append("host", byId(c.id()).host())
              .append("arbiterOnly", c.arbiter())
              .append("buildIndexes", true)
              .append("hidden", c.hidden())
              .append("priority", c.priority())
              .append("tags", new Document())
              .append("secondaryDelaySecs", 0L)
              .append("votes", c.votes()));
    }
    return new Document("_id", setName)
        .append("version", config.version())
        .append("term", config.term())
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
}
