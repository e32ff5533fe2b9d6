package io.continuity.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSuggestionsTest {

  static final List<String> CREATE =
      List.of("type", "resourceId", "groupId", "targetSite", "changeTicket", "reason");

  @Test
  void aDifferentCaseIsTheFirstSuggestion() {
    assertThat(FieldSuggestions.closest("targetsite", CREATE)).contains("targetSite");
    assertThat(FieldSuggestions.closest("TYPE", CREATE)).contains("type");
  }

  @Test
  void aSmallTypoSuggestsTheClosestField() {
    assertThat(FieldSuggestions.closest("resorceId", CREATE)).contains("resourceId");
    assertThat(FieldSuggestions.closest("target_site", CREATE)).contains("targetSite");
    assertThat(FieldSuggestions.closest("reasn", CREATE)).contains("reason");
  }

  @Test
  void nothingCloseSuggestsNothing() {
    assertThat(FieldSuggestions.closest("window", CREATE)).isEmpty();
    assertThat(FieldSuggestions.closest("id", CREATE)).isEmpty();
    assertThat(FieldSuggestions.closest("", CREATE)).isEmpty();
  }

  @Test
  void distanceCountsEdits() {
    assertThat(FieldSuggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(FieldSuggestions.distance("abc", "abc")).isZero();
    assertThat(FieldSuggestions.distance("", "ab")).isEqualTo(2);
  }
}
