package io.continuity.server.execution;

import io.continuity.connector.api.LossConclusion;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The data-loss statement of one member as the evidence report and the API give it (design §5): the
 * verdict, what is proven (the marker the target reached, the old primary's position when last
 * seen, its final position when known) and the window ({@code from}: commits after it may be lost;
 * {@code bytesAtLeast} / {@code bytesAtMost} in {@code unit}, e.g. bytes of WAL, {@code
 * bytesAtMost} null when no upper bound is known, both null when the platform's positions count no
 * bytes). {@code source} says who concluded: {@code connector}, {@code monitoring}, or both when
 * they disagreed and the more conservative one was kept.
 */
public record LossWindow(
    LossConclusion conclusion,
    String reached,
    String lastPrimary,
    Instant primaryLastSeenAt,
    String finalPrimary,
    Instant from,
    BigInteger bytesAtLeast,
    BigInteger bytesAtMost,
    String unit,
    boolean exact,
    String statement,
    String source) {

  LossWindow from(String newSource, String newStatement) {
    return new LossWindow(
        conclusion,
        reached,
        lastPrimary,
        primaryLastSeenAt,
        finalPrimary,
        from,
        bytesAtLeast,
        bytesAtMost,
        unit,
        exact,
        newStatement,
        newSource);
  }

  LossWindow withConclusion(LossConclusion verdict) {
    return new LossWindow(
        verdict,
        reached,
        lastPrimary,
        primaryLastSeenAt,
        finalPrimary,
        from,
        bytesAtLeast,
        bytesAtMost,
        unit,
        exact,
        statement,
        source);
  }
}
