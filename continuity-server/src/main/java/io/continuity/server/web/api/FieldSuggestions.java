package io.continuity.server.web.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known field an unknown one was probably meant to be: the same name in another case first,
 * then the closest name within a small edit distance (at most 2, or 1 for names of four letters or
 * fewer), so "targetsite" suggests "targetSite" and "resorceId" suggests "resourceId".
 */
final class FieldSuggestions {

  private FieldSuggestions() {}

  static Optional<String> closest(String unknown, Collection<String> known) {
    if (unknown == null || unknown.isEmpty()) {
      return Optional.empty();
    }
    String lower = unknown.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      if (candidate.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(candidate);
      }
    }
    int limit = unknown.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance (insertions, deletions, substitutions). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
