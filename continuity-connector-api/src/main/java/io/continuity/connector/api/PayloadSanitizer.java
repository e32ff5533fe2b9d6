package io.continuity.connector.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from a connector's raw payload before it is stored or shown: values under
 * secret-looking keys, every occurrence of a known secret value (the resolved credentials of the
 * connector's configuration), passwords inside connection strings and credentials inside URLs.
 */
public final class PayloadSanitizer {

  public static final String REDACTED = "***";

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(password|passwd|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key"
              + "|credential|passphrase|authorization|cookie).*");
  private static final Pattern KEY_VALUE_SECRET =
      Pattern.compile(
          "(?i)\\b(password|passwd|pwd|secret|token|api[_-]?key|sslpassword)(\\s*[=:]\\s*)('[^']*'|\"[^\"]*\"|[^\\s;&,]+)");
  private static final Pattern URL_CREDENTIALS =
      // the scheme is bounded: unbounded, a long run of letters made every position backtrack
      // over the rest of the text (64 KiB of host-action output took 35 s)
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,31}://[^/\\s:@]+):[^@/\\s]+@");

  private final Set<String> knownSecrets;

  private PayloadSanitizer(Set<String> knownSecrets) {
    this.knownSecrets = knownSecrets;
  }

  /** A sanitizer that also scrubs every occurrence of the given secret values. */
  public static PayloadSanitizer withKnownSecrets(Collection<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    return new PayloadSanitizer(
        Set.copyOf(secrets.stream().filter(s -> s != null && !s.isEmpty()).toList()));
  }

  public static PayloadSanitizer standard() {
    return new PayloadSanitizer(Set.of());
  }

  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  public SanitizedPayload sanitize(Map<String, ?> raw) {
    if (raw == null || raw.isEmpty()) {
      return SanitizedPayload.empty();
    }
    return new SanitizedPayload(sanitizeMap(raw));
  }

  /** Scrubs one free-text value (an error message, a command's output). */
  public String sanitizeText(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : knownSecrets) {
      result = result.replace(secret, REDACTED);
    }
    result = KEY_VALUE_SECRET.matcher(result).replaceAll("$1$2" + REDACTED);
    return URL_CREDENTIALS.matcher(result).replaceAll("$1:" + REDACTED + "@");
  }

  private Map<String, Object> sanitizeMap(Map<?, ?> raw) {
    Map<String, Object> clean = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> {
          String key = sanitizeText(String.valueOf(k));
          clean.put(key, isSecretKey(key) && v != null ? REDACTED : sanitizeValue(v));
        });
    return clean;
  }

  private Object sanitizeValue(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      return sanitizeMap(map);
    }
    if (value instanceof Collection<?> collection) {
      List<Object> list = new ArrayList<>(collection.size());
      collection.forEach(item -> list.add(sanitizeValue(item)));
      return Collections.unmodifiableList(list);
    }
    if (value instanceof char[]) {
      return REDACTED;
    }
    return sanitizeText(value.toString());
  }
}
