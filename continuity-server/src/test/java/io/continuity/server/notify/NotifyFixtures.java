package io.continuity.server.notify;

import io.continuity.core.identity.Role;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.security.DirectoryUser;
import io.continuity.server.security.UserDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** People, requests and audit events for the notification unit tests. */
final class NotifyFixtures {

  static final String EXECUTION = "EX-0000000001-ABCDEFGH";
  static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

  /** alice OPERATOR, bob and carol APPROVER, dave VIEWER (no e-mail), erin BREAK_GLASS, admin. */
  static final UserDirectory DIRECTORY =
      new UserDirectory(
          List.of(
              user("alice", Role.OPERATOR),
              user("bob", Role.APPROVER),
              user("carol", Role.APPROVER),
              new DirectoryUser("dave", Set.of(Role.VIEWER), Optional.empty()),
              user("erin", Role.BREAK_GLASS),
              user("admin", Role.ADMIN)));

  private NotifyFixtures() {}

  static DirectoryUser user(String name, Role role) {
    return new DirectoryUser(name, Set.of(role), Optional.of(name + "@example.com"));
  }

  /** alice's SWITCHOVER of orders-db, approved by the given people. */
  static RequestParties request(String... approvers) {
    return new RequestParties(
        "alice", List.of(approvers), Optional.empty(), "SWITCHOVER", "orders-db", "site-b");
  }

  static AuditRecord event(String type, String actor, Map<String, String> details) {
    return event(7, type, actor, details);
  }

  static AuditRecord event(long seq, String type, String actor, Map<String, String> details) {
    return new AuditRecord(
        seq,
        type,
        actor,
        AT,
        EXECUTION,
        "orders-db",
        "planned DC maintenance",
        "CHG0012345",
        details,
        "prev",
        "hash");
  }
}
