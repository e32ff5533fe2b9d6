package io.continuity.server.web.api;

import java.util.List;
import java.util.Locale;

/**
 * Which resources a status list shows and which page of them: status ({@code GREEN}, {@code
 * YELLOW}, {@code RED} or {@code LOST} for lost visibility), tier, platform, environment, a search
 * text matched against id, name, owner and site names, and a 1-based page of {@code size}. Empty
 * means "any". Bad values are a 400 that says what a good one looks like.
 */
public record StatusCriteria(
    String status,
    String tier,
    String platform,
    String environment,
    String query,
    int page,
    int size) {

  public static final List<String> STATUSES = List.of("RED", "LOST", "YELLOW", "GREEN");
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;

  public StatusCriteria {
    status = clean(status).toUpperCase(Locale.ROOT);
    tier = clean(tier);
    platform = clean(platform);
    environment = clean(environment);
    query = clean(query);
  }

  /** Parses request parameters, any of which may be null. */
  public static StatusCriteria parse(
      String status,
      String tier,
      String platform,
      String environment,
      String query,
      String page,
      String size) {
    String s = clean(status).toUpperCase(Locale.ROOT);
    if (!s.isEmpty() && !STATUSES.contains(s)) {
      throw new BadRequestException(
          "status",
          "status must be one of GREEN, YELLOW, RED or LOST (visibility lost), not '"
              + status
              + "'");
    }
    String t = clean(tier);
    if (!t.isEmpty() && !t.equals("1") && !t.equals("2")) {
      throw new BadRequestException("tier", "tier must be 1 or 2, not '" + tier + "'");
    }
    int p = number("page", page, 1, Integer.MAX_VALUE, 1);
    int z = number("size", size, 1, MAX_SIZE, DEFAULT_SIZE);
    return new StatusCriteria(s, t, platform, environment, query, p, z);
  }

  /** No filter and no search: the whole estate. */
  public boolean unfiltered() {
    return status.isEmpty()
        && tier.isEmpty()
        && platform.isEmpty()
        && environment.isEmpty()
        && query.isEmpty();
  }

  /** The same filters on another page. */
  public StatusCriteria onPage(int other) {
    return new StatusCriteria(status, tier, platform, environment, query, other, size);
  }

  /** The filters, search and page as a query string ("" when all are defaults). */
  public String queryString() {
    StringBuilder q = new StringBuilder();
    append(q, "status", status);
    append(q, "tier", tier);
    append(q, "platform", platform);
    append(q, "environment", environment);
    append(q, "q", query);
    if (page != 1) {
      append(q, "page", String.valueOf(page));
    }
    if (size != DEFAULT_SIZE) {
      append(q, "size", String.valueOf(size));
    }
    return q.toString();
  }

  private static int number(String name, String value, int min, int max, int otherwise) {
    String v = clean(value);
    if (v.isEmpty()) {
      return otherwise;
    }
    String bounds = max == Integer.MAX_VALUE ? "from " + min : "from " + min + " to " + max;
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException(
        name, name + " must be a whole number " + bounds + ", not '" + value + "'");
  }

  private static void append(StringBuilder q, String name, String value) {
    if (!value.isEmpty()) {
      q.append(q.length() == 0 ? "?" : "&")
          .append(name)
          .append('=')
          .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static String clean(String value) {
    return value == null ? "" : value.strip();
  }
}
