package windlass.kubectl.manifests;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.codec.CodecException;
import windlass.client.codec.Manifests;
import windlass.client.codec.ObjectCodec;
import windlass.kubectl.CommandException;

/**
 * Reads the objects of {@code -f} arguments (files, directories of .json/.yaml/.yml files, {@code -} for stdin;
 * YAML or JSON; several documents; {@code kind: List}) and decodes every one of them before anything is sent: if any
 * document is malformed, names an unknown kind or has an unknown field, {@link #read} fails listing every problem, so
 * a command never acts on half a file.
 */
public final class ManifestReader {
  private static final List<String> EXTENSIONS = List.of(".json", ".yaml", ".yml");

  private final InputStream stdin;
  private final boolean recursive;
  private final FieldValidation validation;
  private final PrintStream warnings;

  public ManifestReader(InputStream stdin, boolean recursive) {
    this(stdin, recursive, FieldValidation.STRICT, null);
  }

  public ManifestReader(InputStream stdin, boolean recursive, FieldValidation validation, PrintStream warnings) {
    this.stdin = stdin;
    this.recursive = recursive;
    this.validation = validation;
    this.warnings = warnings;
  }

  /** Every object of the files; {@code verb} ("create", "apply", "delete") words the error when there is none. */
  public List<ManifestObject> read(List<String> filenames, String verb) {
    List<ManifestObject> objects = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String f : filenames) {
      for (Source s : sources(f)) {
        readSource(s, objects, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw CommandException.lines(errors);
    }
    if (objects.isEmpty()) {
      throw CommandException.error("no objects passed to " + verb);
    }
    return objects;
  }

  private record Source(String name, String text) {}

  private List<Source> sources(String arg) {
    if (arg.equals("-")) {
      try {
        return List.of(new Source("STDIN", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw CommandException.error("error reading from stdin: " + e.getMessage());
      }
    }
    if (arg.startsWith("http://") || arg.startsWith("https://")) {
      throw CommandException.error("reading manifests from URLs is not supported by windlass kubectl yet: " + arg);
    }
    Path p = Path.of(arg);
    if (!Files.exists(p)) {
      throw CommandException.error("the path \"" + arg + "\" does not exist");
    }
    List<Source> out = new ArrayList<>();
    try {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = recursive ? Files.walk(p) : Files.list(p)) {
          for (Path f : files.filter(Files::isRegularFile).filter(ManifestReader::manifestFile).sorted().toList()) {
            out.add(new Source(f.toString(), Files.readString(f)));
          }
        }
      } else {
        out.add(new Source(arg, Files.readString(p)));
      }
    } catch (IOException e) {
      throw CommandException.error("error reading " + arg + ": " + e.getMessage());
    }
    return out;
  }

  private static boolean manifestFile(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }

  private void readSource(Source s, List<ManifestObject> objects, List<String> errors) {
    List<Object> trees;
    try {
      trees = Manifests.parse(s.text());
    } catch (CodecException e) {
      String how = Manifests.isJson(s.text()) ? "" : "error converting YAML to JSON: ";
      errors.add("error: error parsing " + s.name() + ": " + how + e.getMessage());
      return;
    }
    for (Object tree : trees) {
      for (Object item : expandLists(tree)) {
        decode(s, item, objects, errors);
      }
    }
  }

  /** A {@code kind: List} (or any {@code ...List} with items) stands for its items. */
  @SuppressWarnings("unchecked")
  private static List<Object> expandLists(Object tree) {
    if (tree instanceof Map<?, ?> m && m.get("kind") instanceof String k && k.endsWith("List")
        && m.get("items") instanceof List<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object i : items) {
        out.addAll(expandLists(i));
      }
      return out;
    }
    return List.of(tree);
  }

  @SuppressWarnings("unchecked")
  private void decode(Source s, Object tree, List<ManifestObject> objects, List<String> errors) {
    if (!(tree instanceof Map<?, ?>)) {
      errors.add("error: error validating \"" + s.name() + "\": error validating data: the object is not a mapping");
      return;
    }
    Map<String, Object> map = (Map<String, Object>) tree;
    Meta.TypeMeta tm = ObjectCodec.typeMeta(map);
    List<String> missing = new ArrayList<>();
    if (tm.getApiVersion().isEmpty()) {
      missing.add("apiVersion not set");
    }
    if (tm.getKind().isEmpty()) {
      missing.add("kind not set");
    }
    if (!missing.isEmpty()) {
      errors.add("error: error validating \"" + s.name() + "\": error validating data: [" + String.join(", ", missing)
          + "]; if you choose to ignore these errors, turn validation off with --validate=false");
      return;
    }
    Kind kind = Kinds.forApiVersionKind(tm.getApiVersion(), tm.getKind()).orElse(null);
    if (kind == null) {
      errors.add("error: resource mapping not found for name: \"" + metadataString(map, "name") + "\" namespace: \""
          + metadataString(map, "namespace") + "\" from \"" + s.name() + "\": no matches for kind \"" + tm.getKind()
          + "\" in version \"" + tm.getApiVersion() + "\"");
      errors.add("ensure CRDs are installed first");
      return;
    }
    String cannotHandle = kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind()
        + ": ";
    try {
      Message m;
      if (validation == FieldValidation.STRICT) {
        m = ObjectCodec.fromTree(map, kind.defaultInstance());
      } else {
        List<String> unknown = new ArrayList<>();
        m = ObjectCodec.fromTree(map, kind.defaultInstance(), unknown::add);
        if (validation == FieldValidation.WARN && warnings != null) {
          unknown.forEach(f -> warnings.println("Warning: unknown field \"" + f + "\""));
        }
      }
      objects.add(new ManifestObject(s.name(), kind, m, map));
    } catch (CodecException e) {
      String suffix = e.unknownFields().isEmpty()
          ? "" : "; if you choose to ignore these errors, turn validation off with --validate=false";
      errors.add("error: error validating \"" + s.name() + "\": error validating data: " + cannotHandle
          + e.getMessage() + suffix);
    }
  }

  private static String metadataString(Map<String, Object> tree, String field) {
    return tree.get("metadata") instanceof Map<?, ?> md && md.get(field) instanceof String v ? v : "";
  }
}
