package io.continuity.connector.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a connector's text settings as typed values, with one grammar for every connector and
 * errors ({@link IllegalArgumentException}) that name the setting and say what to write:
 *
 * <ul>
 *   <li>durations as in the inventory, a whole number and {@code ms}, {@code s}, {@code m}, {@code
 *       h} or {@code d} ({@code 500ms}, {@code 30s}); a plain number is seconds, and ISO-8601
 *       ({@code PT30S}) is accepted too; always positive;
 *   <li>sizes as in the inventory, bytes or {@code KB}/{@code MB}/{@code GB}/{@code TB} (powers of
 *       1000) or {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} (powers of 1024);
 *   <li>booleans {@code true}/{@code false}; enums by constant name, case-insensitive; integers in
 *       a range; required keys.
 * </ul>
 */
public final class SettingsReader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?");

  private final String prefix;
  private final Map<String, String> settings;

  private SettingsReader(String prefix, Map<String, String> settings) {
    this.prefix = prefix;
    this.settings = Map.copyOf(settings);
  }

  /** Reads {@code settings}; errors name keys as they are written. */
  public static SettingsReader of(Map<String, String> settings) {
    return new SettingsReader("", settings);
  }

  /** Reads {@code settings}; errors name keys with {@code prefix} ({@code "site east: "}). */
  public static SettingsReader of(String prefix, Map<String, String> settings) {
    return new SettingsReader(prefix, settings);
  }

  /** Refuses any key outside {@code known}, naming the known ones. */
  public SettingsReader onlyKeys(Set<String> known) {
    for (String key : settings.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            prefix + "unknown setting '" + key + "': known are " + new TreeSet<>(known));
      }
    }
    return this;
  }

  public Optional<String> text(String key) {
    return Optional.ofNullable(settings.get(key)).map(String::strip).filter(v -> !v.isEmpty());
  }

  public String text(String key, String fallback) {
    return text(key).orElse(fallback);
  }

  public String required(String key, String whatItIs) {
    return text(key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    prefix + "setting '" + key + "' is required: " + whatItIs));
  }

  public Duration duration(String key, String fallback) {
    return parseDuration(key, text(key, fallback));
  }

  public long size(String key, String fallback) {
    return parseSize(key, text(key, fallback));
  }

  public boolean bool(String key, boolean fallback) {
    Optional<String> value = text(key).map(v -> v.toLowerCase(Locale.ROOT));
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, "true or false");
    };
  }

  public int integer(String key, int fallback, int min, int max) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, "a whole number from " + min + " to " + max);
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.get().replace('-', '_'))) {
        return constant;
      }
    }
    throw invalid(
        key,
        "one of "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }

  private Duration parseDuration(String key, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    if (value.startsWith("pt")) {
      try {
        d = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(key, "a duration such as 500ms, 30s or 2m");
      }
    } else {
      Matcher m = DURATION.matcher(value);
      if (!m.matches()) {
        throw invalid(key, "a duration such as 500ms, 30s or 2m");
      }
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      d =
          switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
          };
    }
    if (d.isZero() || d.isNegative()) {
      throw invalid(key, "a positive duration");
    }
    return d;
  }

  private long parseSize(String key, String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(key, "a size such as 16MB, 64MiB or 1048576");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit) {
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          case "tb" -> 1_000_000_000_000L;
          case "kib" -> 1L << 10;
          case "mib" -> 1L << 20;
          case "gib" -> 1L << 30;
          case "tib" -> 1L << 40;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(amount, factor);
    } catch (ArithmeticException e) {
      throw invalid(key, "a size below 8 EiB");
    }
  }

  private IllegalArgumentException invalid(String key, String expected) {
    return new IllegalArgumentException(prefix + "setting '" + key + "' must be " + expected);
  }
}
