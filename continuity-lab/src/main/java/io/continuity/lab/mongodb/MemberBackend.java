package io.continuity.lab.mongodb;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Locale;
import java.util.Set;

/**
 * One replica-set member's command handler: mongo-java-server's in-memory backend (CRUD, queries)
 * with the replica-set commands of MongoDB answered by the shared {@link FakeReplicaSet}. The
 * backend's own {@code ismaster} says "standalone" and its {@code replSetGetStatus} says 76
 * NoReplicationEnabled; this subclass intercepts both (brief §4.1).
 */
final class MemberBackend extends MemoryBackend {

  /** Commands that change data: refused with 10107 on a non-primary, logged and replicated. */
  static final Set<String> WRITES =
      Set.of("insert", "update", "delete", "findandmodify", "create", "drop", "createindexes");

  private final FakeReplicaSet set;
  private final FakeReplicaSet.Member member;
  private final Channel internal = new EmbeddedChannel();

  MemberBackend(FakeReplicaSet set, FakeReplicaSet.Member member) {
    this.set = set;
    this.member = member;
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    Document answer = set.answer(member, channel, database, name, query);
    if (answer != null) {
      return answer;
    }
    return super.handleCommand(channel, database, command, query);
  }

  /** Runs a command on this member's data without the replica-set checks (replication, reads). */
  Document applyDirectly(String database, String command, Document query) {
    return super.handleCommand(internal, database, command, query);
  }

  /** What the plain backend answers (the parts of isMaster it knows: sizes, wire versions). */
  Document plainHello(Channel channel) {
    return super.handleCommand(channel, "admin", "ismaster", new Document("ismaster", 1));
  }
}
