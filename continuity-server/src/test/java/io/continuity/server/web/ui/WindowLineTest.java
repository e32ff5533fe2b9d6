package io.continuity.server.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.execution.ExecutionWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The "Window" line of the console's execution page (decision 029). */
class WindowLineTest {

  static final Instant OPENS = Instant.parse("2030-01-04T02:00:00Z");
  static final ExecutionWindow WINDOW = new ExecutionWindow(OPENS, OPENS.plus(Duration.ofHours(4)));

  @Test
  void saysWhenItOpensWhileOpenAndOnceClosed() {
    assertThat(ExecutionPagesController.windowLine(WINDOW, OPENS.minus(Duration.ofHours(3))))
        .isEqualTo("2030-01-04T02:00:00Z – 2030-01-04T06:00:00Z (opens in 3 h)");
    assertThat(ExecutionPagesController.windowLine(WINDOW, OPENS.plus(Duration.ofMinutes(30))))
        .endsWith("(open, closes in 3 h)");
    assertThat(ExecutionPagesController.windowLine(WINDOW, OPENS.plus(Duration.ofHours(4))))
        .endsWith("(closed)");
  }
}
