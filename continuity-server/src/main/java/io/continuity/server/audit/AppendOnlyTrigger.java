package io.continuity.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 row trigger that refuses every UPDATE and DELETE on {@code audit_event}, so the embedded store
 * enforces the append-only rule the same way PostgreSQL's trigger does. H2 loads it by name from
 * the application class path (migration {@code db/migration/h2/V1_1}).
 */
public final class AppendOnlyTrigger implements Trigger {

  /** SQLSTATE for insufficient privilege, the same code the PostgreSQL trigger raises. */
  static final String REFUSED_SQLSTATE = "42501";

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    String operation = newRow == null ? "DELETE" : "UPDATE";
    throw new SQLException(
        "audit_event is append-only: "
            + operation
            + " refused. Audit events can only be appended; record a correcting event instead.",
        REFUSED_SQLSTATE);
  }
}
