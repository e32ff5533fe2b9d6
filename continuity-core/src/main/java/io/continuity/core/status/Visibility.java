package io.continuity.core.status;

/**
 * Whether the control plane can currently see a resource. {@link #LOST} means the evidence is stale
 * or missing, the probe failed, or no site answered: the outcome then shows the last known status
 * and its time rather than a guess (design §1, degraded-mode clarity).
 */
public enum Visibility {
  OK,
  LOST
}
