package io.continuity.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Status list parameters: defaults, and a 400 that says what to fix for a bad value. */
class StatusCriteriaTest {

  @Test
  void defaultsToTheFirstPageOfFiftyAndTheWholeEstate() {
    StatusCriteria c = StatusCriteria.parse(null, null, null, null, null, null, null);

    assertThat(c.page()).isEqualTo(1);
    assertThat(c.size()).isEqualTo(50);
    assertThat(c.unfiltered()).isTrue();
    assertThat(c.queryString()).isEmpty();
  }

  @Test
  void keepsFiltersSearchAndPageInTheQueryString() {
    StatusCriteria c = StatusCriteria.parse("red", "1", null, "prod", "orders db", "3", "20");

    assertThat(c.status()).isEqualTo("RED");
    assertThat(c.queryString())
        .isEqualTo("?status=RED&tier=1&environment=prod&q=orders+db&page=3&size=20");
    assertThat(c.onPage(1).queryString())
        .isEqualTo("?status=RED&tier=1&environment=prod&q=orders+db&size=20");
  }

  @Test
  void aBadStatusPageSizeOrTierSaysWhatAGoodValueLooksLike() {
    assertThatThrownBy(() -> StatusCriteria.parse("PURPLE", null, null, null, null, null, null))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("status must be one of GREEN, YELLOW, RED or LOST")
        .extracting(e -> ((BadRequestException) e).field())
        .isEqualTo("status");
    assertThatThrownBy(() -> StatusCriteria.parse(null, null, null, null, null, "0", null))
        .hasMessageContaining("page must be a whole number from 1, not '0'");
    assertThatThrownBy(() -> StatusCriteria.parse(null, null, null, null, null, "two", null))
        .hasMessageContaining("page must be a whole number from 1, not 'two'");
    assertThatThrownBy(() -> StatusCriteria.parse(null, null, null, null, null, null, "501"))
        .hasMessageContaining("size must be a whole number from 1 to 500, not '501'");
    assertThatThrownBy(() -> StatusCriteria.parse(null, "3", null, null, null, null, null))
        .hasMessageContaining("tier must be 1 or 2, not '3'");
  }
}
