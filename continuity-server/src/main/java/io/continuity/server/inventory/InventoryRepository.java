package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the inventory store (migration {@code V2__inventory}): plain statements that run on H2
 * and PostgreSQL. It never deletes: removal sets {@code removed_at}, and revisions are only ever
 * inserted. Callers hold a transaction and {@link #lockState()} first.
 */
@Component
class InventoryRepository {

  /** The two tables of one kind of item and its revisions. */
  enum Kind {
    RESOURCE("resource", "resource_revision", "resource_id"),
    GROUP("resource_group", "resource_group_revision", "group_id");

    final String table;
    final String revisions;
    final String key;

    Kind(String table, String revisions, String key) {
      this.table = table;
      this.revisions = revisions;
      this.key = key;
    }
  }

  private final JdbcClient jdbc;

  InventoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The generation of the stored inventory, locked until the transaction ends. */
  long lockState() {
    return jdbc.sql("select generation from inventory_state where id = 1 for update")
        .query(Long.class)
        .optional()
        .orElseThrow(
            () -> new IllegalStateException("inventory_state has no row: migration V2 is broken"));
  }

  /** 0 when no inventory was ever stored. */
  long generation() {
    return jdbc.sql("select generation from inventory_state where id = 1")
        .query(Long.class)
        .single();
  }

  void advanceGeneration(Instant at) {
    jdbc.sql("update inventory_state set generation = generation + 1, reconciled_at = :at")
        .param("at", time(at))
        .update();
  }

  /** Every row of this kind, removed ones included, keyed and ordered by id. */
  Map<String, StoredItem> all(Kind kind) {
    String primary = kind == Kind.RESOURCE ? "current_primary_site" : "null";
    List<StoredItem> rows =
        jdbc.sql(
                "select id, definition, definition_hash, "
                    + primary
                    + " as current_primary_site, created_at, updated_at, removed_at from "
                    + kind.table
                    + " order by id")
            .query(InventoryRepository::item)
            .list();
    Map<String, StoredItem> byId = new LinkedHashMap<>();
    rows.forEach(row -> byId.put(row.id(), row));
    return byId;
  }

  void insertResource(Resource r, String definition, String hash, Instant at) {
    jdbc.sql(
            "insert into resource (id, name, platform, tier, environment, owner, primary_site,"
                + " dr_site, current_primary_site, definition, definition_hash, created_at,"
                + " updated_at, removed_at) values (:id, :name, :platform, :tier, :environment,"
                + " :owner, :primary, :dr, :primary, :definition, :hash, :at, :at, null)")
        .params(resourceParams(r, definition, hash, at))
        .update();
  }

  /** New definition, active again; {@code currentPrimarySite} as the caller decided. */
  void updateResource(
      Resource r, String definition, String hash, String currentPrimarySite, Instant at) {
    Map<String, Object> params = resourceParams(r, definition, hash, at);
    params.put("current", currentPrimarySite);
    jdbc.sql(
            "update resource set name = :name, platform = :platform, tier = :tier,"
                + " environment = :environment, owner = :owner, primary_site = :primary,"
                + " dr_site = :dr, current_primary_site = :current, definition = :definition,"
                + " definition_hash = :hash, updated_at = :at, removed_at = null where id = :id")
        .params(params)
        .update();
  }

  /** The stored primary site of an active resource: what every instance sharing the store sees. */
  Optional<String> currentPrimarySite(String id) {
    return jdbc.sql(
            "select current_primary_site from resource where id = :id and removed_at is null")
        .param("id", id)
        .query(String.class)
        .optional();
  }

  void setCurrentPrimarySite(String id, String site, Instant at) {
    jdbc.sql("update resource set current_primary_site = :site, updated_at = :at where id = :id")
        .param("site", site)
        .param("at", time(at))
        .param("id", id)
        .update();
  }

  void insertGroup(GroupSpec g, String definition, String hash, Instant at) {
    jdbc.sql(
            "insert into resource_group (id, name, tier, definition, definition_hash, created_at,"
                + " updated_at, removed_at) values (:id, :name, :tier, :definition, :hash, :at,"
                + " :at, null)")
        .params(groupParams(g, definition, hash, at))
        .update();
  }

  void updateGroup(GroupSpec g, String definition, String hash, Instant at) {
    jdbc.sql(
            "update resource_group set name = :name, tier = :tier, definition = :definition,"
                + " definition_hash = :hash, updated_at = :at, removed_at = null where id = :id")
        .params(groupParams(g, definition, hash, at))
        .update();
  }

  void markRemoved(Kind kind, String id, Instant at) {
    jdbc.sql("update " + kind.table + " set removed_at = :at, updated_at = :at where id = :id")
        .param("at", time(at))
        .param("id", id)
        .update();
  }

  /** Appends the next revision of this item (numbered from 1). */
  void appendRevision(
      Kind kind,
      String id,
      ChangeKind change,
      String definition,
      String hash,
      String actor,
      Instant at) {
    int next =
        jdbc.sql(
                "select coalesce(max(revision), 0) + 1 from "
                    + kind.revisions
                    + " where "
                    + kind.key
                    + " = :id")
            .param("id", id)
            .query(Integer.class)
            .single();
    jdbc.sql(
            "insert into "
                + kind.revisions
                + " ("
                + kind.key
                + ", revision, change_kind, definition, definition_hash, actor, changed_at)"
                + " values (:id, :revision, :change, :definition, :hash, :actor, :at)")
        .param("id", id)
        .param("revision", next)
        .param("change", change.name())
        .param("definition", definition)
        .param("hash", hash)
        .param("actor", actor)
        .param("at", time(at))
        .update();
  }

  /** The history of one resource or group, oldest first; empty for an unknown id. */
  List<Revision> revisions(Kind kind, String id) {
    return jdbc.sql(
            "select "
                + kind.key
                + " as id, revision, change_kind, definition, actor, changed_at from "
                + kind.revisions
                + " where "
                + kind.key
                + " = :id order by revision")
        .param("id", id)
        .query(
            (rs, row) ->
                new Revision(
                    rs.getString("id"),
                    rs.getInt("revision"),
                    ChangeKind.valueOf(rs.getString("change_kind")),
                    rs.getString("definition"),
                    rs.getString("actor"),
                    instant(rs, "changed_at").orElseThrow()))
        .list();
  }

  private static Map<String, Object> resourceParams(
      Resource r, String definition, String hash, Instant at) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("id", r.id());
    params.put("name", r.name());
    params.put("platform", r.platform().name());
    params.put("tier", r.tier().number());
    params.put("environment", r.environment());
    params.put("owner", r.owner());
    params.put("primary", r.primarySite().name());
    params.put("dr", r.drSite().name());
    params.put("definition", definition);
    params.put("hash", hash);
    params.put("at", time(at));
    return params;
  }

  private static Map<String, Object> groupParams(
      GroupSpec g, String definition, String hash, Instant at) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("id", g.id());
    params.put("name", g.name());
    params.put("tier", g.tier().number());
    params.put("definition", definition);
    params.put("hash", hash);
    params.put("at", time(at));
    return params;
  }

  private static StoredItem item(ResultSet rs, int row) throws SQLException {
    return new StoredItem(
        rs.getString("id"),
        rs.getString("definition"),
        rs.getString("definition_hash"),
        rs.getString("current_primary_site"),
        instant(rs, "created_at").orElseThrow(),
        instant(rs, "updated_at").orElseThrow(),
        instant(rs, "removed_at"));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  private static OffsetDateTime time(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
