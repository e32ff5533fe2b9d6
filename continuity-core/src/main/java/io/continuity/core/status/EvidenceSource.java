package io.continuity.core.status;

/**
 * What a {@link Reason} rests on, so readers can weigh it: platform markers are proof of how far
 * the DR side has applied, a heartbeat is an operator-friendly indicator and never proof (design
 * §5).
 */
public enum EvidenceSource {
  PLATFORM_MARKER("platform marker"),
  PLATFORM_LAG("platform-reported lag"),
  REPLICATION_STATE("replication state"),
  HEARTBEAT("heartbeat"),
  HEALTH("platform health"),
  CONNECTIVITY("site connectivity"),
  PROBE("probe"),
  GROUP_MEMBER("group member");

  private final String label;

  EvidenceSource(String label) {
    this.label = label;
  }

  /** Human wording, for example {@code "platform marker"}. */
  public String label() {
    return label;
  }
}
