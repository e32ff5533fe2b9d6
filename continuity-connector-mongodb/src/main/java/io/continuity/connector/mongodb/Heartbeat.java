package io.continuity.connector.mongodb;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.HeartbeatSpec;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.support.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;

/**
 * The inventory's heartbeat (brief §1.3): a document {@code {_id: <resource>, writtenAt: <Date>}}
 * replaced on the primary with write concern majority when due, and read back on the standby over
 * its own direct connection. An operator-friendly indicator, never proof of completeness. The
 * collection is {@code heartbeat.table}: {@code <database>.<collection>}, or a collection in the
 * {@code continuity} database.
 */
final class Heartbeat {

  private static final Duration READ_WAIT = Duration.ofSeconds(1);

  private final String resourceId;
  private final HeartbeatSpec spec;
  private final String database;
  private final String collection;
  private final MemberClients clients;
  private final AtomicReference<Instant> lastWrite = new AtomicReference<>(Instant.EPOCH);

  Heartbeat(String resourceId, HeartbeatSpec spec, MemberClients clients) {
    this.resourceId = resourceId;
    this.spec = spec;
    this.clients = clients;
    String table = spec.table().trim();
    int dot = table.indexOf('.');
    this.database = dot > 0 ? table.substring(0, dot) : "continuity";
    this.collection = dot > 0 ? table.substring(dot + 1) : table;
    if (collection.isBlank()) {
      throw new IllegalArgumentException(
          "heartbeat table '" + spec.table() + "' names no collection");
    }
  }

  /** What one probe's heartbeat saw, or why not. */
  record Outcome(Optional<HeartbeatReading> reading, String note) {}

  Outcome round(MemberEndpoint primary, MemberEndpoint standby, Deadline deadline) {
    Optional<Instant> written = Optional.empty();
    String note = "";
    Instant now = Instant.now();
    if (!now.isBefore(lastWrite.get().plus(spec.interval()))) {
      try {
        Instant at = Instant.ofEpochMilli(now.toEpochMilli());
        collectionOn(primary, deadline)
            .withWriteConcern(WriteConcern.MAJORITY)
            .replaceOne(
                new Document("_id", resourceId),
                new Document("_id", resourceId).append("writtenAt", Date.from(at)),
                new ReplaceOptions().upsert(true));
        lastWrite.set(at);
        written = Optional.of(at);
      } catch (MongoException | ConnectorException e) {
        note = "heartbeat write on " + primary.name() + " failed: " + MongoFailures.describe(e);
      }
    }
    Deadline readBy = Deadline.in(min(READ_WAIT, deadline.remaining()));
    try {
      while (true) {
        Document shown =
            collectionOn(standby, deadline).find(new Document("_id", resourceId)).first();
        Instant readAt = Instant.now();
        if (shown == null || !(shown.get("writtenAt") instanceof Date date)) {
          return new Outcome(
              Optional.empty(),
              note.isEmpty() ? "no heartbeat document on " + standby.name() + " yet" : note);
        }
        Instant writtenAt = date.toInstant();
        boolean current = written.map(w -> !writtenAt.isBefore(w)).orElse(true);
        if (current || readBy.passed()) {
          return new Outcome(Optional.of(new HeartbeatReading(writtenAt, readAt)), note);
        }
        Deadline.sleep(Duration.ofMillis(10));
      }
    } catch (MongoException | ConnectorException e) {
      return new Outcome(
          Optional.empty(),
          "heartbeat read on " + standby.name() + " failed: " + MongoFailures.describe(e));
    }
  }

  private MongoCollection<Document> collectionOn(MemberEndpoint member, Deadline deadline)
      throws ConnectorException {
    Duration left = deadline.remaining();
    return clients
        .database(member, database, left.isZero() ? Duration.ofMillis(1) : left)
        .getCollection(collection);
  }

  static Map<String, Object> describe(HeartbeatReading reading) {
    return Map.of(
        "writtenAt", reading.writtenAt().toString(),
        "readAt", reading.readAt().toString(),
        "ageMillis", Duration.between(reading.writtenAt(), reading.readAt()).toMillis());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
