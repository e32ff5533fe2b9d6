package io.continuity.connector.mongodb;

import com.mongodb.MongoException;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Whether the connector's user may run the commands a plan needs, asked of the server with {@code
 * connectionStatus {showPrivileges: true}}: {@code replSetFreeze} and {@code replSetStepDown} need
 * the {@code replSetStateChange} action on the cluster resource, {@code replSetReconfig} needs
 * {@code replSetConfigure}; the built-in role {@code clusterManager} grants both, {@code
 * clusterMonitor} neither (mongod's {@code role_graph_builtin_roles.cpp}).
 */
final class Privileges {

  static final String STATE_CHANGE = "replSetStateChange";
  static final String CONFIGURE = "replSetConfigure";

  private Privileges() {}

  /**
   * The needed actions the user lacks, as a sentence; empty when it has them, when the server
   * enforces no authentication (no authenticated user), or when it does not list privileges (the
   * command itself would then be refused with 13 Unauthorized, which the step reports).
   */
  static Optional<String> missing(MemberClients clients, MemberEndpoint member, Set<String> needed)
      throws ConnectorException {
    Document status;
    try {
      status =
          clients.run(
              member,
              "admin",
              new Document("connectionStatus", 1).append("showPrivileges", true),
              Duration.ofSeconds(5));
    } catch (MongoException e) {
      return Optional.empty();
    }
    Document authInfo = status.get("authInfo", Document.class);
    if (authInfo == null) {
      return Optional.empty();
    }
    List<?> users = authInfo.getList("authenticatedUsers", Object.class);
    List<Document> privileges = authInfo.getList("authenticatedUserPrivileges", Document.class);
    if (users == null || users.isEmpty() || privileges == null) {
      return Optional.empty();
    }
    Set<String> granted = new LinkedHashSet<>();
    for (Document p : privileges) {
      Document resource = p.get("resource", Document.class);
      if (resource != null && Boolean.TRUE.equals(resource.get("cluster"))) {
        List<String> actions = p.getList("actions", String.class);
        if (actions != null) {
          granted.addAll(actions);
        }
      }
    }
    Set<String> lacking = new LinkedHashSet<>(needed);
    lacking.removeAll(granted);
    if (lacking.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the connector's user lacks "
            + lacking
            + " on the cluster resource (the built-in role"
            + " clusterManager grants them); roles: "
            + authInfo.get("authenticatedUserRoles"));
  }
}
