package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class ReadinessCsvTest {

  @Test
  void quotesSeparatorsQuotesAndLineBreaks() {
    assertThat(ReadinessCsv.cell("plain")).isEqualTo("plain");
    assertThat(ReadinessCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(ReadinessCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ReadinessCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(ReadinessCsv.cell(null)).isEmpty();
  }

  @Test
  void formulaLookingTextIsDefusedButNegativeNumbersAreNot() {
    assertThat(ReadinessCsv.cell("=HYPERLINK(\"x\")")).startsWith("\"'=HYPERLINK(");
    assertThat(ReadinessCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(ReadinessCsv.cell("+1 lag")).isEqualTo("'+1 lag");
    assertThat(ReadinessCsv.cell("-1.5")).isEqualTo("-1.5");
  }

  @Test
  void sharesAreWrittenWithSixDecimalsWhateverTheLocale() {
    assertThat(ReadinessCsv.fraction(0.5083333)).isEqualTo("0.508333");
    assertThat(ReadinessCsv.fraction(1)).isEqualTo("1.000000");
  }
}
