package io.continuity.connector.api;

/** Thrown when two replication markers of different platforms or kinds are compared. */
public class IncomparableMarkersException extends IllegalArgumentException {

  public IncomparableMarkersException(ReplicationMarker a, ReplicationMarker b) {
    super(
        "cannot compare replication marker "
            + a.platform()
            + "/"
            + a.kind()
            + " with "
            + b.platform()
            + "/"
            + b.kind()
            + ": markers are comparable only within one platform and kind");
  }
}
