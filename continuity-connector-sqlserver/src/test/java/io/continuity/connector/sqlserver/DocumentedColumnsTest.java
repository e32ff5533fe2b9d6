package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code alias.column} the connector's queries read is a documented column of the view the
 * alias stands for (the simulator answers the same strings, so a misspelt column would pass the
 * other tests and fail on a real server).
 */
class DocumentedColumnsTest {

  private static final Pattern REFERENCE = Pattern.compile("\\b(ag|ar|ars|drs|drcs|d)\\.([a-z_]+)");
  private static final Pattern ALIAS =
      Pattern.compile("\\b(sys\\.[a-z_]+) (ag|ar|ars|drs|drcs|d)\\b");

  @Test
  void everyColumnTheQueriesReadIsDocumentedForItsView() throws IOException {
    Map<String, Set<String>> documented = documented();
    for (String sql :
        List.of(
            AgQueries.REPLICAS,
            AgQueries.DATABASES,
            AgQueries.CLUSTER_STATES,
            AgQueries.DATABASE_UPDATEABILITY)) {
      Map<String, String> views = new HashMap<>();
      Matcher a = ALIAS.matcher(sql);
      while (a.find()) {
        views.put(a.group(2), a.group(1));
      }
      Matcher m = REFERENCE.matcher(sql);
      int seen = 0;
      while (m.find()) {
        String view = views.get(m.group(1));
        assertThat(view).as("alias %s in %s", m.group(1), sql).isNotNull();
        assertThat(documented.getOrDefault(view, Set.of()))
            .as("%s.%s is a documented column of %s", m.group(1), m.group(2), view)
            .contains(m.group(2));
        seen++;
      }
      assertThat(seen).as("columns found in %s", sql).isPositive();
    }
  }

  private static Map<String, Set<String>> documented() throws IOException {
    Map<String, Set<String>> map = new HashMap<>();
    try (InputStream in =
        DocumentedColumnsTest.class.getResourceAsStream("/documented-columns.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        map.computeIfAbsent(parts[1], k -> new HashSet<>()).add(parts[2]);
      }
    }
    return map;
  }
}
