package io.continuity.server.execution;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a recovery plan does after a run ended FAILED part-way (decision 021): roll the members back
 * to the primaries they had before the run, in reverse dependency order, or roll them forward to
 * the run's target with every gate checked again.
 */
public enum RecoveryOption {
  ROLL_BACK("roll-back"),
  ROLL_FORWARD("roll-forward");

  private final String word;

  RecoveryOption(String word) {
    this.word = word;
  }

  /** How the API and the console spell it. */
  public String word() {
    return word;
  }

  /** Back to the roles from before the run: a person's confirmation is enough. */
  public boolean confirmationOnly() {
    return this == ROLL_BACK;
  }

  public static Optional<RecoveryOption> parse(String word) {
    return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst();
  }
}
