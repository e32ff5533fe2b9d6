package io.continuity.server.execution;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connector's typed loss evidence as step-log facts ({@code loss.*}), and back as the {@link
 * LossWindow} the evidence report states: the step log is the one durable record of what each step
 * proved, so the verdict survives a crash with the step that reached it.
 */
final class LossFacts {

  static final String PREFIX = "loss.";
  static final String CONCLUSION = PREFIX + "conclusion";

  private LossFacts() {}

  static Map<String, String> of(LossEvidence loss) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(CONCLUSION, loss.conclusion().name());
    loss.reached().ifPresent(m -> facts.put(PREFIX + "reached", m.toString()));
    loss.lastPrimary().ifPresent(m -> facts.put(PREFIX + "lastPrimary", m.toString()));
    loss.primaryLastSeenAt().ifPresent(t -> facts.put(PREFIX + "primaryLastSeenAt", t.toString()));
    loss.finalPrimary().ifPresent(m -> facts.put(PREFIX + "finalPrimary", m.toString()));
    loss.lossFrom().ifPresent(t -> facts.put(PREFIX + "from", t.toString()));
    loss.atLeast().ifPresent(n -> facts.put(PREFIX + "atLeast", n.toString()));
    loss.atMost().ifPresent(n -> facts.put(PREFIX + "atMost", n.toString()));
    loss.unit().ifPresent(u -> facts.put(PREFIX + "unit", u));
    facts.put(PREFIX + "exact", Boolean.toString(loss.exact()));
    facts.put(PREFIX + "statement", loss.statement());
    return facts;
  }

  /** The loss window recorded in these facts, if a step recorded one. */
  static Optional<LossWindow> read(Map<String, String> facts) {
    String conclusion = facts.get(CONCLUSION);
    if (conclusion == null) {
      return Optional.empty();
    }
    return Optional.of(
        new LossWindow(
            LossConclusion.valueOf(conclusion),
            facts.get(PREFIX + "reached"),
            facts.get(PREFIX + "lastPrimary"),
            instant(facts.get(PREFIX + "primaryLastSeenAt")),
            facts.get(PREFIX + "finalPrimary"),
            instant(facts.get(PREFIX + "from")),
            number(facts.get(PREFIX + "atLeast")),
            number(facts.get(PREFIX + "atMost")),
            facts.get(PREFIX + "unit"),
            Boolean.parseBoolean(facts.get(PREFIX + "exact")),
            facts.getOrDefault(PREFIX + "statement", ""),
            "connector"));
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static BigInteger number(String text) {
    return text == null ? null : new BigInteger(text);
  }
}
