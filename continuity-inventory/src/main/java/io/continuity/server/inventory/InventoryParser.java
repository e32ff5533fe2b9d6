package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads inventory-as-code files (resources and groups, see {@code docs/operations.md}) into one
 * {@link InventoryDocument}, or reports every error of every file with its file, line and field
 * path. Uses SnakeYAML's node API only (no object construction from tags), so the files cannot
 * instantiate classes and every value keeps its line.
 *
 * <p>Pure Java and thread-safe: one instance can parse many times.
 */
public final class InventoryParser {

  static final List<String> ROOT_KEYS = List.of("resources", "groups");

  private final GroupDependencyCheck dependencyCheck;

  /** A parser whose group graphs are checked by the default {@link GroupDependencyCheck}. */
  public InventoryParser() {
    this(GroupDependencyCheck.CORE_GROUP);
  }

  public InventoryParser(GroupDependencyCheck dependencyCheck) {
    this.dependencyCheck = Objects.requireNonNull(dependencyCheck, "dependencyCheck");
  }

  /** The platforms a resource may name (written case-insensitively in the files). */
  public static List<io.continuity.connector.api.Platform> knownPlatforms() {
    return ResourceReader.knownPlatformList();
  }

  /** Parses these files (UTF-8) as one inventory; errors name each file as given here. */
  public InventoryParseResult parse(List<Path> files) {
    List<InventorySource> sources = new ArrayList<>();
    List<InventoryError> unreadable = new ArrayList<>();
    for (Path file : files) {
      try {
        sources.add(new InventorySource(file.toString(), Files.readString(file)));
      } catch (IOException e) {
        unreadable.add(new InventoryError(file.toString(), 0, "", unreadable(e)));
      }
    }
    return parse(sources, unreadable);
  }

  /** Parses these texts as one inventory. */
  public InventoryParseResult parseSources(List<InventorySource> sources) {
    return parse(sources, List.of());
  }

  private InventoryParseResult parse(
      List<InventorySource> sources, List<InventoryError> earlierErrors) {
    List<InventoryError> errors = new ArrayList<>(earlierErrors);
    List<Document> documents = new ArrayList<>();
    boolean composed = true;
    for (InventorySource source : sources) {
      composed &= compose(source, errors, documents);
    }
    boolean allRead = composed && earlierErrors.isEmpty();
    Map<String, SourceLocation> resourceIds = new LinkedHashMap<>();
    List<Resource> resources = new ArrayList<>();
    for (Document document : documents) {
      ResourceReader reader = new ResourceReader(document.yaml());
      forEachItem(
          document,
          "resources",
          (item, path) -> {
            ResourceReader.Read read = reader.read(item, path);
            read.id()
                .ifPresent(id -> unique(id, "resource", read.idLocation(), resourceIds, errors));
            read.resource().ifPresent(resources::add);
          });
    }
    Map<String, SourceLocation> groupIds = new LinkedHashMap<>();
    List<GroupSpec> groups = new ArrayList<>();
    for (Document document : documents) {
      GroupReader reader = new GroupReader(document.yaml());
      forEachItem(
          document,
          "groups",
          (item, path) -> {
            GroupReader.Read read = reader.read(item, path, resourceIds.keySet(), allRead);
            read.id().ifPresent(id -> unique(id, "group", read.idLocation(), groupIds, errors));
            read.group().ifPresent(groups::add);
          });
    }
    groups.forEach(group -> errors.addAll(dependencyCheck.check(group)));
    if (!errors.isEmpty()) {
      return new InventoryParseResult.Invalid(inFileOrder(errors, sources));
    }
    return new InventoryParseResult.Valid(new InventoryDocument(resources, groups, resourceIds));
  }

  /** Composes every YAML document of one source; false when its syntax is broken. */
  private static boolean compose(
      InventorySource source, List<InventoryError> errors, List<Document> documents) {
    YamlReader yaml = new YamlReader(source.name(), errors);
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    try {
      for (Node root : new Yaml(options).composeAll(new StringReader(source.content()))) {
        if (YamlReader.isNull(root)) {
          continue;
        }
        if (root instanceof MappingNode) {
          yaml.fields(root, "", ROOT_KEYS).ifPresent(f -> documents.add(new Document(yaml, f)));
        } else {
          yaml.error(root, "", "an inventory file is a mapping with the keys resources and groups");
        }
      }
      return true;
    } catch (MarkedYAMLException e) {
      // problem and context only: the snippet of the offending line could hold a credential
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      errors.add(
          new InventoryError(
              source.name(),
              mark == null ? 0 : mark.getLine() + 1,
              "",
              "invalid YAML: " + e.getProblem() + context));
      return false;
    } catch (YAMLException e) {
      errors.add(new InventoryError(source.name(), 0, "", "invalid YAML: " + e.getMessage()));
      return false;
    }
  }

  private static void forEachItem(Document document, String key, ItemReader reader) {
    YamlReader.Fields root = document.root();
    root.get(key)
        .flatMap(node -> document.yaml().list(node, key))
        .ifPresent(
            items -> {
              for (int i = 0; i < items.size(); i++) {
                reader.read(items.get(i), key + "[" + i + "]");
              }
            });
  }

  private static void unique(
      String id,
      String kind,
      SourceLocation location,
      Map<String, SourceLocation> seen,
      List<InventoryError> errors) {
    SourceLocation first = seen.putIfAbsent(id, location);
    if (first != null) {
      errors.add(
          location.error(
              "duplicate "
                  + kind
                  + " id '"
                  + id
                  + "': also defined at "
                  + first
                  + "; ids must be unique across all inventory files"));
    }
  }

  /** Errors sorted by file (in the order given) and line, so they read top to bottom. */
  private static List<InventoryError> inFileOrder(
      List<InventoryError> errors, List<InventorySource> sources) {
    Map<String, Integer> fileOrder = new HashMap<>();
    sources.forEach(s -> fileOrder.putIfAbsent(s.name(), fileOrder.size()));
    List<InventoryError> sorted = new ArrayList<>(errors);
    sorted.sort(
        Comparator.comparingInt((InventoryError e) -> fileOrder.getOrDefault(e.file(), -1))
            .thenComparingInt(InventoryError::line));
    return sorted;
  }

  private static String unreadable(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "cannot read the inventory file: it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "cannot read the inventory file: permission denied";
    }
    if (e instanceof MalformedInputException) {
      return "cannot read the inventory file: it is not UTF-8 text";
    }
    return "cannot read the inventory file: " + e.getClass().getSimpleName();
  }

  /** One YAML document of one file, with its top-level fields. */
  private record Document(YamlReader yaml, YamlReader.Fields root) {}

  @FunctionalInterface
  private interface ItemReader {
    void read(Node item, String path);
  }
}
