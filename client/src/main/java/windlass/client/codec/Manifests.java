package windlass.client.codec;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Manifest files as kubectl reads them: JSON or YAML, one or more objects. */
public final class Manifests {
  private Manifests() {}

  /**
   * The objects of a manifest text, as trees. Like upstream's YAMLOrJSONDecoder the text is JSON (a stream of
   * values) when its first non-whitespace character is {@code {} or {@code [}, else YAML, whose {@code ---}
   * documents each give one tree; empty documents are skipped. A {@code kind: List} object is returned as it is.
   */
  public static List<Object> parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Object> docs = isJson(text) ? Json.parseAll(text) : Yaml.parseAll(text);
    List<Object> out = new ArrayList<>(docs.size());
    for (Object d : docs) {
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** Whether {@link #parse} reads the text as JSON. */
  public static boolean isJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '\uFEFF' && i == 0) || Character.isWhitespace(c)) {
        continue;
      }
      return c == '{' || c == '[';
    }
    return false;
  }

  /**
   * Parses a manifest text and decodes each object with {@link ObjectCodec#decodeObject}; {@code resolver} maps
   * an object's apiVersion and kind to the default instance of its message (null when unknown).
   */
  public static List<Message> decode(String text, Function<Meta.TypeMeta, ? extends Message> resolver) {
    List<Message> out = new ArrayList<>();
    for (Object tree : parse(text)) {
      out.add(ObjectCodec.decodeObject(tree, resolver));
    }
    return out;
  }
}
