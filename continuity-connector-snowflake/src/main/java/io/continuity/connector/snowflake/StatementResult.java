package io.continuity.connector.snowflake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rows of one SQL API ResultSet ({@code resultSetMetaData.rowType} names, {@code data} rows of
 * strings or nulls, all partitions) and its statement handle.
 */
record StatementResult(String statementHandle, List<String> columns, List<List<String>> rows) {

  StatementResult {
    columns = List.copyOf(columns);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copy);
  }

  /** One row, read by column name (case-insensitive: SHOW output is lower-case). */
  record Row(List<String> columns, List<String> values) {

    Optional<String> get(String column) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).equalsIgnoreCase(column)) {
          return i < values.size() ? Optional.ofNullable(values.get(i)) : Optional.empty();
        }
      }
      return Optional.empty();
    }

    String text(String column) {
      return get(column).orElse("");
    }

    Optional<Long> number(String column) {
      return get(column)
          .map(String::trim)
          .filter(v -> !v.isEmpty())
          .map(
              v -> {
                try {
                  return new java.math.BigDecimal(v).longValue();
                } catch (NumberFormatException e) {
                  return null;
                }
              });
    }

    boolean bool(String column) {
      return get(column).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("").equals("true");
    }
  }

  List<Row> rowList() {
    return rows.stream().map(r -> new Row(columns, r)).toList();
  }
}
