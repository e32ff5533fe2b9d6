package io.continuity.server.inventory;

import io.continuity.connector.api.PayloadSanitizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads SnakeYAML nodes of one file and records every problem as a located {@link InventoryError}
 * instead of throwing, so that all errors of all files are reported together. Reads never echo a
 * value that could be a credential.
 */
final class YamlReader {

  static final String LITERAL_SECRET =
      "literal secrets are not allowed; use env:NAME or file:/path";

  private final String file;
  private final List<InventoryError> errors;

  YamlReader(String file, List<InventoryError> errors) {
    this.file = file;
    this.errors = errors;
  }

  int errorCount() {
    return errors.size();
  }

  SourceLocation at(Node node, String path) {
    return new SourceLocation(file, node.getStartMark().getLine() + 1, path);
  }

  void error(Node node, String path, String message) {
    errors.add(at(node, path).error(message));
  }

  void error(SourceLocation location, String message) {
    errors.add(location.error(message));
  }

  /** True for an absent value: {@code key:} with nothing, {@code ~} or {@code null}. */
  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  /**
   * The fields of a mapping, keyed by name, after reporting keys that are not allowed, keys written
   * twice and keys that are not text. Empty (with an error) when the node is not a mapping.
   */
  Optional<Fields> fields(Node node, String path, List<String> allowedKeys) {
    return mapping(node, path)
        .map(
            mapping -> {
              Fields fields = new Fields(mapping, path);
              for (NodeTuple tuple : mapping.getValue()) {
                Optional<String> key = key(tuple, path);
                if (key.isEmpty()) {
                  continue;
                }
                if (!allowedKeys.contains(key.get())) {
                  error(
                      tuple.getKeyNode(),
                      fields.path(key.get()),
                      "unknown key '"
                          + key.get()
                          + "'; allowed keys: "
                          + String.join(", ", allowedKeys));
                } else {
                  fields.put(key.get(), tuple);
                }
              }
              return fields;
            });
  }

  /** A required field's value node, or empty after a "required field is missing" error. */
  Optional<Node> required(Fields fields, String key) {
    Optional<Node> value = fields.get(key);
    if (value.isEmpty()) {
      error(fields.node(), fields.path(key), "required field is missing");
    }
    return value;
  }

  /** Required text; empty after an error when missing, blank or not a single value. */
  Optional<String> requiredText(Fields fields, String key) {
    Optional<String> text = required(fields, key).flatMap(n -> text(n, fields.path(key)));
    if (text.isPresent() && text.get().isBlank()) {
      error(fields.get(key).get(), fields.path(key), "must not be blank");
      return Optional.empty();
    }
    return text;
  }

  /** Optional text; empty when absent, or after an error when it is not a single value. */
  Optional<String> optionalText(Fields fields, String key) {
    return fields.get(key).flatMap(n -> text(n, fields.path(key)));
  }

  /** The text of a single value; empty after an error when it is a mapping or a list. */
  Optional<String> text(Node node, String path) {
    if (isNull(node)) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode scalar) {
      return Optional.of(scalar.getValue());
    }
    error(node, path, "expected a single value, found " + describe(node));
    return Optional.empty();
  }

  /** The items of a list; empty after an error when the node is not a list. */
  Optional<List<Node>> list(Node node, String path) {
    if (node instanceof SequenceNode sequence) {
      return Optional.of(sequence.getValue());
    }
    error(node, path, "expected a list, found " + describe(node));
    return Optional.empty();
  }

  /** A mapping node; empty after an error when it is something else. */
  Optional<MappingNode> mapping(Node node, String path) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(mapping);
    }
    error(node, path, "expected a mapping (key: value lines), found " + describe(node));
    return Optional.empty();
  }

  /**
   * A mapping of names to single values (settings, metadata). A key that looks like a credential,
   * or a value holding one (a password in a connection string or URL), is refused without echoing
   * the value.
   */
  Map<String, String> settings(Node node, String path) {
    Map<String, String> settings = new LinkedHashMap<>();
    mapping(node, path)
        .ifPresent(
            mapping -> {
              for (NodeTuple tuple : mapping.getValue()) {
                key(tuple, path)
                    .ifPresent(
                        key -> {
                          String keyPath = path + "." + key;
                          Node value = tuple.getValueNode();
                          if (PayloadSanitizer.isSecretKey(key)) {
                            error(tuple.getKeyNode(), keyPath, LITERAL_SECRET);
                          } else if (settings.containsKey(key)) {
                            error(tuple.getKeyNode(), keyPath, duplicateKey(key));
                          } else {
                            text(value, keyPath)
                                .ifPresent(
                                    text -> {
                                      if (containsSecret(text)) {
                                        error(value, keyPath, LITERAL_SECRET);
                                      } else {
                                        settings.put(key, text);
                                      }
                                    });
                          }
                        });
              }
            });
    return settings;
  }

  /** Converts text, turning a refusal into an error at the node. */
  <T> Optional<T> convert(Node node, String path, String text, Function<String, T> converter) {
    try {
      return Optional.of(converter.apply(text));
    } catch (IllegalArgumentException e) {
      error(node, path, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Builds a value with a core constructor, turning its refusal into an error at the node: the core
   * records guard their own invariants, and the inventory reports them with a location.
   */
  <T> Optional<T> build(Node node, String path, Supplier<T> constructor) {
    try {
      return Optional.of(constructor.get());
    } catch (IllegalArgumentException | NullPointerException e) {
      error(node, path, String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  private Optional<String> key(NodeTuple tuple, String path) {
    if (tuple.getKeyNode() instanceof ScalarNode scalar && !isNull(scalar)) {
      return Optional.of(scalar.getValue());
    }
    error(tuple.getKeyNode(), path, "a key must be plain text");
    return Optional.empty();
  }

  private static boolean containsSecret(String text) {
    return !PayloadSanitizer.standard().sanitizeText(text).equals(text);
  }

  private static String duplicateKey(String key) {
    return "key '" + key + "' is written twice; keep one";
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "a single value";
  }

  /** The allowed fields of one mapping with the path they live under. */
  final class Fields {

    private final MappingNode node;
    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private Fields(MappingNode node, String path) {
      this.node = node;
      this.path = path;
    }

    private void put(String key, NodeTuple tuple) {
      if (values.containsKey(key)) {
        error(tuple.getKeyNode(), path(key), duplicateKey(key));
      } else {
        values.put(key, tuple.getValueNode());
      }
    }

    MappingNode node() {
      return node;
    }

    String path(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of a key; empty when the key is absent or its value is null. */
    Optional<Node> get(String key) {
      Node value = values.get(key);
      return isNull(value) ? Optional.empty() : Optional.of(value);
    }
  }
}
