package windlass.client.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.kubernetes.client.proto.Meta;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Maps upstream Kubernetes JSON/YAML trees onto the protobuf messages of client-java-proto and back, driven by the
 * message descriptors alone.
 *
 * <p>A tree is what {@link Json}, {@link Yaml} and {@link Manifests} yield: {@code Map<String,Object>},
 * {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean}, {@code null}; any Number is accepted, and
 * {@link #toTree} writes integers as {@code Long} (as the readers do) and floating point as {@code Double}. Field names are upstream's
 * JSON names, which for these protos are the proto field names, except where upstream's Go structs say otherwise
 * (embedded {@code json:",inline"} structs such as {@code Volume.volumeSource} or {@code Probe.handler}, the few
 * capitalised proto names such as {@code ValidatingWebhookConfiguration.Webhooks}, and {@code $ref} /
 * {@code x-kubernetes-*} in JSONSchemaProps).
 *
 * <p>Types with their own JSON form: {@code resource.Quantity} is a string ({@code "250m"}; a number on input);
 * {@code intstr.IntOrString} a number or a string; {@code metav1.Time} an RFC 3339 string in UTC, whole seconds;
 * {@code metav1.MicroTime} the same with six fraction digits; {@code metav1.Duration} a Go duration
 * ({@code "1h0m0s"}); {@code runtime.RawExtension}, {@code metav1.FieldsV1} and apiextensions {@code JSON} any
 * nested JSON value (the message holds its compact JSON bytes); {@code metav1.Verbs} and {@code ExtraValue} a list
 * of strings; apiextensions {@code JSONSchemaPropsOr*} a schema or an array or a bool; {@code bytes} base64;
 * 64-bit integers JSON numbers; enums (none in these protos) their names; maps objects.
 *
 * <p>Decoding is strict as upstream's is: every unknown field is collected and reported at the end in one
 * {@link CodecException} ({@code strict decoding error: unknown field "spec.template.spec.containers[0].imagee"});
 * a value of the wrong type fails at once with Go's wording ({@code json: cannot unmarshal string into Go struct
 * field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32}). JSON {@code null} leaves a
 * field unset. Encoding emits set fields in descriptor (= Go struct) order, leaves out unset fields and empty lists
 * and maps, and sorts map keys as Go does.
 */
public final class ObjectCodec {
  private static final int MAX_UNKNOWN_FIELDS = 100;
  private static final Pattern QUANTITY =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?");
  private static final String QUANTITY_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final Map<Descriptor, Info> INFOS = new ConcurrentHashMap<>();
  private static final Map<Descriptor, Message> DEFAULTS = new ConcurrentHashMap<>();

  /** Go's embedded structs ({@code json:",inline"}): their fields appear in the parent's JSON object. */
  private static final Set<String> INLINE = Set.of(
      "Volume.volumeSource",
      "PersistentVolumeSpec.persistentVolumeSource",
      "Probe.handler",
      "EphemeralContainer.ephemeralContainerCommon",
      "ConfigMapEnvSource.localObjectReference",
      "ConfigMapKeySelector.localObjectReference",
      "ConfigMapProjection.localObjectReference",
      "ConfigMapVolumeSource.localObjectReference",
      "SecretEnvSource.localObjectReference",
      "SecretKeySelector.localObjectReference",
      "SecretProjection.localObjectReference",
      "NamedRuleWithOperations.ruleWithOperations",
      "RuleWithOperations.rule",
      "IngressRule.ingressRuleValue",
      "Unknown.typeMeta");

  /** Proto names that differ from upstream's JSON tags (capitalised by go-to-protobuf from the Go field name). */
  private static final Map<String, String> RENAMED = Map.of(
      "ValidatingWebhookConfiguration.Webhooks", "webhooks",
      "MutatingWebhookConfiguration.Webhooks", "webhooks",
      "Validation.Expression", "expression",
      "Variable.Name", "name",
      "Variable.Expression", "expression");

  private ObjectCodec() {}

  // ---------------------------------------------------------------- decoding

  /**
   * Decodes a tree into a message of {@code type}: an instance of the generated class where one is on the class
   * path, else a DynamicMessage. Top-level {@code apiVersion} and {@code kind} are skipped when the message has no
   * such fields (upstream keeps them in TypeMeta, outside the proto).
   */
  public static Message fromTree(Object tree, Descriptor type) {
    return fromTree(tree, defaultInstance(type));
  }

  /** Decodes a tree into a message of the given default instance's type, strictly. */
  public static <T extends Message> T fromTree(Object tree, T defaultInstance) {
    return decode(tree, defaultInstance, null);
  }

  /**
   * Decodes a tree, passing each unknown field's path to {@code unknownFields} instead of failing (upstream's
   * {@code fieldValidation=Warn} and {@code Ignore}); values of the wrong type still fail.
   */
  public static <T extends Message> T fromTree(Object tree, T defaultInstance, Consumer<String> unknownFields) {
    if (unknownFields == null) {
      throw new NullPointerException("unknownFields");
    }
    return decode(tree, defaultInstance, unknownFields);
  }

  /**
   * Decodes a whole object: reads its {@code apiVersion} and {@code kind}, asks {@code resolver} for the default
   * instance of the matching message (null when the kind is not known), and decodes strictly into it.
   */
  public static Message decodeObject(Object tree, Function<Meta.TypeMeta, ? extends Message> resolver) {
    Meta.TypeMeta tm = typeMetaOf(tree, true);
    Message type = resolver.apply(tm);
    if (type == null) {
      throw CodecException.at("", "no kind " + Json.quote(tm.getKind()) + " is registered for version "
          + Json.quote(tm.getApiVersion()));
    }
    return fromTree(tree, type);
  }

  /** The {@code apiVersion} and {@code kind} of a tree, each left unset when absent; no checks. */
  public static Meta.TypeMeta typeMeta(Object tree) {
    return typeMetaOf(tree, false);
  }

  private static Meta.TypeMeta typeMetaOf(Object tree, boolean require) {
    if (!(tree instanceof Map<?, ?> map)) {
      throw CodecException.at("", "couldn't get version/kind; json parse error: json: cannot unmarshal "
          + jsonKind(tree) + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\";"
          + " Kind string \"json:\\\"kind,omitempty\\\"\" }");
    }
    Meta.TypeMeta.Builder b = Meta.TypeMeta.newBuilder();
    for (String f : List.of("apiVersion", "kind")) {
      Object v = map.get(f);
      if (v != null && !(v instanceof String)) {
        throw CodecException.at(f, "couldn't get version/kind; json parse error: json: cannot unmarshal "
            + jsonKind(v) + " into Go struct field ." + f + " of type string");
      }
      String s = (String) v;
      if (s == null || s.isEmpty()) {
        if (require) {
          throw CodecException.at(f, "Object '" + (f.equals("kind") ? "Kind" : f) + "' is missing in '"
              + abbreviate(Json.print(tree)) + "'");
        }
        continue;
      }
      if (f.equals("kind")) {
        b.setKind(s);
      } else {
        b.setApiVersion(s);
      }
    }
    return b.build();
  }

  private static String abbreviate(String s) {
    return s.length() <= 256 ? s : s.substring(0, 253) + "...";
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T decode(Object tree, T defaultInstance, Consumer<String> onUnknown) {
    Descriptor d = defaultInstance.getDescriptorForType();
    Decoder dec = new Decoder(onUnknown);
    Message.Builder b = defaultInstance.newBuilderForType();
    Info info = info(d);
    if (info.kind != Special.NONE) {
      if (tree == null) {
        return defaultInstance;
      }
      dec.special(info, b, tree, Path.ROOT, null);
    } else if (tree instanceof Map<?, ?> map) {
      dec.object(map, b, Path.ROOT, true, d);
    } else if (tree != null) {
      throw CodecException.at("", "json: cannot unmarshal " + jsonKind(tree) + " into Go value of type "
          + goName(d));
    }
    T out = (T) b.build();
    dec.finish();
    return out;
  }

  private static final class Decoder {
    final Consumer<String> onUnknown;
    final List<String> unknown = new ArrayList<>();

    Decoder(Consumer<String> onUnknown) {
      this.onUnknown = onUnknown;
    }

    void unknownField(Path p) {
      String s = p.indexed();
      if (onUnknown != null) {
        onUnknown.accept(s);
      } else if (unknown.size() < MAX_UNKNOWN_FIELDS) {
        unknown.add(s);
      }
    }

    void finish() {
      if (!unknown.isEmpty()) {
        throw CodecException.unknownFields(unknown);
      }
    }

    /** Decodes the keys of {@code map} into the ordinary message {@code b}; {@code owner} is named in errors. */
    void object(Map<?, ?> map, Message.Builder b, Path path, boolean top, Descriptor owner) {
      Descriptor d = b.getDescriptorForType();
      Info info = info(d);
      Map<FieldDescriptor, Map<Object, Object>> inlined = null;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        FieldDescriptor f = info.byJson.get(key);
        if (f == null) {
          FieldDescriptor via = info.viaInline.get(key);
          if (via != null) {
            if (inlined == null) {
              inlined = new LinkedHashMap<>();
            }
            inlined.computeIfAbsent(via, k -> new LinkedHashMap<>()).put(key, e.getValue());
          } else if (!(top && (key.equals("apiVersion") || key.equals("kind")))) {
            unknownField(path.field(key));
          }
          continue;
        }
        field(b, f, e.getValue(), path.field(key), owner);
      }
      if (inlined != null) {
        for (Map.Entry<FieldDescriptor, Map<Object, Object>> e : inlined.entrySet()) {
          Message.Builder sub = b.newBuilderForField(e.getKey());
          object(e.getValue(), sub, path, false, owner); // Go names the outer struct
          b.setField(e.getKey(), sub.build());
        }
      }
    }

    /** Decodes {@code v} into field {@code f} of {@code b}; {@code owner} is the Go struct named in errors. */
    void field(Message.Builder b, FieldDescriptor f, Object v, Path p, Descriptor owner) {
      if (v == null) {
        return;
      }
      if (f.isMapField()) {
        if (!(v instanceof Map<?, ?> map)) {
          throw typeError(v, owner, p, goType(f, false));
        }
        Descriptor entry = f.getMessageType();
        FieldDescriptor kf = entry.findFieldByNumber(1);
        FieldDescriptor vf = entry.findFieldByNumber(2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = String.valueOf(e.getKey());
          Path kp = p.key(key);
          Message.Builder eb = b.newBuilderForField(f);
          eb.setField(kf, mapKey(kf, key, kp, owner));
          Object val = e.getValue();
          eb.setField(vf, val == null ? zero(eb, vf) : single(eb, vf, val, kp, owner));
          b.addRepeatedField(f, eb.build());
        }
      } else if (f.isRepeated()) {
        if (!(v instanceof List<?> list)) {
          throw typeError(v, owner, p, goType(f, false));
        }
        for (int i = 0; i < list.size(); i++) {
          Object el = list.get(i);
          b.addRepeatedField(f, el == null ? zero(b, f) : single(b, f, el, p.index(i), owner));
        }
      } else {
        b.setField(f, single(b, f, v, p, owner));
      }
    }

    Object zero(Message.Builder b, FieldDescriptor f) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        return b.newBuilderForField(f).build();
      }
      return f.getDefaultValue();
    }

    Object mapKey(FieldDescriptor kf, String key, Path p, Descriptor owner) {
      switch (kf.getJavaType()) {
        case STRING:
          return key;
        case INT:
        case LONG:
          try {
            long n = Long.parseLong(key);
            return kf.getJavaType() == FieldDescriptor.JavaType.INT ? (Object) Math.toIntExact(n) : (Object) n;
          } catch (ArithmeticException | NumberFormatException e) {
            throw typeErrorFor("number " + key, owner, p, goScalar(kf));
          }
        case BOOLEAN:
          if (key.equals("true") || key.equals("false")) {
            return Boolean.parseBoolean(key);
          }
          throw typeErrorFor("string", owner, p, "bool");
        default:
          throw new IllegalStateException("unsupported map key type " + kf.getType());
      }
    }

    /** One value (not a list) for field {@code f}, which may be a list or map-entry value field. */
    Object single(Message.Builder b, FieldDescriptor f, Object v, Path p, Descriptor owner) {
      switch (f.getJavaType()) {
        case MESSAGE: {
          Message.Builder sub = b.newBuilderForField(f);
          Info info = info(f.getMessageType());
          if (info.kind != Special.NONE) {
            special(info, sub, v, p, owner);
          } else if (v instanceof Map<?, ?> map) {
            object(map, sub, p, false, sub.getDescriptorForType());
          } else {
            throw typeError(v, owner, p, goType(f, true));
          }
          return sub.build();
        }
        case STRING:
          if (v instanceof String s) {
            return s;
          }
          throw typeError(v, owner, p, "string");
        case BOOLEAN:
          if (v instanceof Boolean bool) {
            return bool;
          }
          throw typeError(v, owner, p, "bool");
        case INT:
        case LONG:
          return integer(f, v, p, owner);
        case FLOAT:
          if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.floatValue();
          }
          throw typeError(v, owner, p, "float32");
        case DOUBLE:
          if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
          }
          throw typeError(v, owner, p, "float64");
        case BYTE_STRING:
          if (v instanceof String s) {
            return base64(s, p);
          }
          throw typeError(v, owner, p, "[]uint8");
        case ENUM: {
          EnumValueDescriptor ev = null;
          if (v instanceof String s) {
            ev = f.getEnumType().findValueByName(s);
          } else if (v instanceof Number n && integral(n) != null) {
            BigInteger i = integral(n);
            ev = i.bitLength() < 32 ? f.getEnumType().findValueByNumber(i.intValue()) : null;
          }
          if (ev == null) {
            throw CodecException.at(p.indexed(), p.indexed() + ": unknown value " + describe(v) + " for enum "
                + f.getEnumType().getName());
          }
          return ev;
        }
        default:
          throw new IllegalStateException("unsupported field type " + f.getType());
      }
    }

    Object integer(FieldDescriptor f, Object v, Path p, Descriptor owner) {
      String go = goScalar(f);
      if (!(v instanceof Number n)) {
        throw typeError(v, owner, p, go);
      }
      BigInteger i = integral(n);
      boolean unsigned = go.startsWith("u");
      int bits = go.endsWith("32") ? 32 : 64;
      boolean fits = i != null
          && (unsigned ? i.signum() >= 0 && i.bitLength() <= bits : i.bitLength() < bits);
      if (!fits) {
        throw typeErrorFor("number " + Json.formatNumber(n), owner, p, go);
      }
      return bits == 32 ? (Object) i.intValue() : (Object) i.longValue();
    }

    ByteString base64(String s, Path p) {
      String clean = s.replace("\r", "").replace("\n", "");
      try {
        return ByteString.copyFrom(Base64.getDecoder().decode(clean));
      } catch (IllegalArgumentException e) {
        int at = 0;
        while (at < clean.length() && isBase64(clean.charAt(at))) {
          at++;
        }
        throw CodecException.at(p.indexed(), p.indexed() + ": illegal base64 data at input byte " + at);
      }
    }

    private static boolean isBase64(char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /** Types with their own JSON form. */
    void special(Info info, Message.Builder b, Object v, Path p, Descriptor owner) {
      Descriptor d = info.descriptor;
      String go = goName(d);
      switch (info.kind) {
        case QUANTITY: {
          String s;
          if (v instanceof String str) {
            s = str;
          } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            s = Json.formatNumber(n);
          } else {
            throw CodecException.at(p.indexed(), prefix(p) + QUANTITY_ERROR);
          }
          if (!QUANTITY.matcher(s).matches()) {
            throw CodecException.at(p.indexed(), prefix(p) + QUANTITY_ERROR);
          }
          b.setField(d.findFieldByNumber(1), s);
          return;
        }
        case INT_OR_STRING: {
          if (v instanceof String s) {
            b.setField(d.findFieldByName("type"), 1L);
            b.setField(d.findFieldByName("strVal"), s);
          } else if (v instanceof Number n) {
            BigInteger i = integral(n);
            if (i == null || i.bitLength() >= 32) {
              throw typeErrorFor("number " + Json.formatNumber(n), owner, p, go);
            }
            b.setField(d.findFieldByName("type"), 0L);
            b.setField(d.findFieldByName("intVal"), i.intValue());
          } else {
            throw typeError(v, owner, p, go);
          }
          return;
        }
        case TIME:
        case MICRO_TIME: {
          if (!(v instanceof String s)) {
            throw typeError(v, owner, p, go);
          }
          Instant t = GoTime.parseTime(s);
          if (t == null) {
            throw CodecException.at(p.indexed(), prefix(p) + "parsing time " + Json.quote(s) + " as "
                + Json.quote(info.kind == Special.TIME ? GoTime.RFC3339_LAYOUT : "2006-01-02T15:04:05.000000Z07:00")
                + ": not an RFC 3339 time");
          }
          b.setField(d.findFieldByName("seconds"), t.getEpochSecond());
          b.setField(d.findFieldByName("nanos"), t.getNano());
          return;
        }
        case DURATION: {
          if (!(v instanceof String s)) {
            throw typeError(v, owner, p, go);
          }
          try {
            b.setField(d.findFieldByNumber(1), GoTime.parseDuration(s));
          } catch (IllegalArgumentException e) {
            throw CodecException.at(p.indexed(), prefix(p) + e.getMessage());
          }
          return;
        }
        case RAW_JSON:
          b.setField(d.findFieldByNumber(1), ByteString.copyFrom(Json.print(v), StandardCharsets.UTF_8));
          return;
        case STRING_LIST: {
          FieldDescriptor items = d.findFieldByNumber(1);
          if (!(v instanceof List<?> list)) {
            throw typeError(v, owner, p, go);
          }
          for (int i = 0; i < list.size(); i++) {
            Object el = list.get(i);
            if (el != null && !(el instanceof String)) {
              throw typeError(el, owner, p.index(i), "string");
            }
            b.addRepeatedField(items, el == null ? "" : el);
          }
          return;
        }
        case SCHEMA_OR_ARRAY: {
          if (v instanceof List<?> list) {
            field(b, d.findFieldByName("jSONSchemas"), list, p, owner);
          } else if (v instanceof Map<?, ?>) {
            field(b, d.findFieldByName("schema"), v, p, owner);
          } else {
            throw typeError(v, owner, p, go);
          }
          return;
        }
        case SCHEMA_OR_BOOL: {
          if (v instanceof Boolean bool) {
            b.setField(d.findFieldByName("allows"), bool);
          } else if (v instanceof Map<?, ?>) {
            b.setField(d.findFieldByName("allows"), true);
            field(b, d.findFieldByName("schema"), v, p, owner);
          } else {
            throw typeError(v, owner, p, go);
          }
          return;
        }
        case SCHEMA_OR_STRING_ARRAY: {
          if (v instanceof List<?>) {
            field(b, d.findFieldByName("property"), v, p, owner);
          } else if (v instanceof Map<?, ?>) {
            field(b, d.findFieldByName("schema"), v, p, owner);
          } else {
            throw typeError(v, owner, p, go);
          }
          return;
        }
        default:
          throw new IllegalStateException(info.kind.toString());
      }
    }

    private static String prefix(Path p) {
      String s = p.indexed();
      return s.isEmpty() ? "" : s + ": ";
    }
  }

  /** The value of a number when it is a whole number, else null. */
  private static BigInteger integral(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return BigInteger.valueOf(n.longValue());
    }
    if (n instanceof BigInteger bi) {
      return bi;
    }
    BigDecimal d;
    if (n instanceof BigDecimal bd) {
      d = bd;
    } else {
      double f = n.doubleValue();
      if (!Double.isFinite(f) || f != Math.rint(f)) {
        return null;
      }
      d = new BigDecimal(f);
    }
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static CodecException typeError(Object v, Descriptor owner, Path p, String goType) {
    return typeErrorFor(jsonKind(v), owner, p, goType);
  }

  /** Go's UnmarshalTypeError; {@code value} is Go's description of the JSON value ("string", "number 1.5"). */
  private static CodecException typeErrorFor(String value, Descriptor owner, Path p, String goType) {
    String field = p.goField();
    String msg;
    if (owner == null || field.isEmpty()) {
      msg = "json: cannot unmarshal " + value + " into Go value of type " + goType;
    } else {
      msg = "json: cannot unmarshal " + value + " into Go struct field " + owner.getName() + "." + field
          + " of type " + goType;
    }
    return CodecException.at(p.indexed(), msg);
  }

  private static String jsonKind(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Number) {
      return "number";
    } else if (v instanceof List<?>) {
      return "array";
    } else if (v instanceof Map<?, ?>) {
      return "object";
    }
    return v.getClass().getSimpleName();
  }

  private static String describe(Object v) {
    return v instanceof String s ? Json.quote(s) : String.valueOf(v);
  }

  /** The Go type of a field as Go's errors name it: int32, []v1.Container, map[string]resource.Quantity. */
  private static String goType(FieldDescriptor f, boolean element) {
    if (f.isMapField()) {
      FieldDescriptor kf = f.getMessageType().findFieldByNumber(1);
      FieldDescriptor vf = f.getMessageType().findFieldByNumber(2);
      String value = goType(vf, true);
      return element ? value : "map[" + goScalar(kf) + "]" + value;
    }
    String one = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? goName(f.getMessageType()) : goScalar(f);
    return f.isRepeated() && !element ? "[]" + one : one;
  }

  private static String goScalar(FieldDescriptor f) {
    switch (f.getType()) {
      case INT32:
      case SINT32:
      case SFIXED32:
        return "int32";
      case UINT32:
      case FIXED32:
        return "uint32";
      case INT64:
      case SINT64:
      case SFIXED64:
        return "int64";
      case UINT64:
      case FIXED64:
        return "uint64";
      case FLOAT:
        return "float32";
      case DOUBLE:
        return "float64";
      case BOOL:
        return "bool";
      case STRING:
        return "string";
      case BYTES:
        return "[]uint8";
      case ENUM:
        return goName(f.getEnumType().getContainingType(), f.getEnumType().getFile(), f.getEnumType().getName());
      default:
        return goName(f.getMessageType());
    }
  }

  /** v1.PodSpec, resource.Quantity, intstr.IntOrString: the Go package's last element and the type name. */
  private static String goName(Descriptor d) {
    return goName(d.getContainingType(), d.getFile(), d.getName());
  }

  private static String goName(Descriptor container, FileDescriptor file, String name) {
    String pkg = file.getPackage();
    String last = pkg.substring(pkg.lastIndexOf('.') + 1);
    String full = name;
    for (Descriptor c = container; c != null; c = c.getContainingType()) {
      full = c.getName() + "_" + full;
    }
    return last.isEmpty() ? full : last + "." + full;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * The tree of a message: a LinkedHashMap in descriptor order without unset fields and empty lists and maps, or
   * for the types with their own JSON form (Quantity, Time, ...) a String, Number, List or nested tree.
   */
  public static Object toTree(MessageOrBuilder m) {
    return encode(m, Path.ROOT);
  }

  /** The tree of a whole object: {@code apiVersion} and {@code kind} first, then the message's fields. */
  public static Map<String, Object> toObjectTree(MessageOrBuilder m, String apiVersion, String kind) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind);
    Object body = toTree(m);
    if (!(body instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(m.getDescriptorForType().getFullName() + " is not an object");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put((String) e.getKey(), e.getValue());
    }
    return out;
  }

  private static Object encode(MessageOrBuilder m, Path p) {
    Info info = info(m.getDescriptorForType());
    if (info.kind != Special.NONE) {
      return encodeSpecial(info, m, p);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    encodeInto(info, m, out, p);
    return out;
  }

  private static void encodeInto(Info info, MessageOrBuilder m, Map<String, Object> out, Path p) {
    for (FieldDescriptor f : info.descriptor.getFields()) {
      if (f.isRepeated() ? m.getRepeatedFieldCount(f) == 0 : !m.hasField(f)) {
        continue;
      }
      if (info.inline.contains(f)) {
        Message sub = (Message) m.getField(f);
        encodeInto(info(sub.getDescriptorForType()), sub, out, p);
        continue;
      }
      String name = info.jsonNames.get(f);
      out.put(name, encodeField(f, m.getField(f), p.field(name)));
    }
  }

  private static Object encodeField(FieldDescriptor f, Object value, Path p) {
    if (f.isMapField()) {
      FieldDescriptor kf = f.getMessageType().findFieldByNumber(1);
      FieldDescriptor vf = f.getMessageType().findFieldByNumber(2);
      List<Map.Entry<String, Object>> entries = new ArrayList<>();
      for (Object o : (List<?>) value) {
        Message entry = (Message) o;
        String key = String.valueOf(encodeScalar(kf, entry.getField(kf)));
        entries.add(Map.entry(key, entry.getField(vf)));
      }
      entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : entries) {
        out.put(e.getKey(), encodeSingle(vf, e.getValue(), p.key(e.getKey())));
      }
      return out;
    }
    if (f.isRepeated()) {
      List<?> in = (List<?>) value;
      List<Object> out = new ArrayList<>(in.size());
      for (int i = 0; i < in.size(); i++) {
        out.add(encodeSingle(f, in.get(i), p.index(i)));
      }
      return out;
    }
    return encodeSingle(f, value, p);
  }

  private static Object encodeSingle(FieldDescriptor f, Object value, Path p) {
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return encode((Message) value, p);
    }
    return encodeScalar(f, value);
  }

  private static Object encodeScalar(FieldDescriptor f, Object v) {
    switch (f.getType()) {
      case INT32:
      case SINT32:
      case SFIXED32:
        return ((Integer) v).longValue(); // trees hold every integer as a Long, as the readers do
      case UINT32:
      case FIXED32:
        return Integer.toUnsignedLong((Integer) v);
      case UINT64:
      case FIXED64: {
        long l = (Long) v;
        return l >= 0 ? (Object) l : new BigInteger(Long.toUnsignedString(l));
      }
      case FLOAT:
        return Double.parseDouble(Float.toString((Float) v));
      case BYTES:
        return Base64.getEncoder().encodeToString(((ByteString) v).toByteArray());
      case ENUM:
        return ((EnumValueDescriptor) v).getName();
      default:
        return v;
    }
  }

  private static Object encodeSpecial(Info info, MessageOrBuilder m, Path p) {
    Descriptor d = info.descriptor;
    switch (info.kind) {
      case QUANTITY:
        return m.getField(d.findFieldByNumber(1));
      case INT_OR_STRING: {
        long type = (Long) m.getField(d.findFieldByName("type"));
        return type == 1 ? m.getField(d.findFieldByName("strVal"))
            : (Object) ((Integer) m.getField(d.findFieldByName("intVal"))).longValue();
      }
      case TIME:
      case MICRO_TIME: {
        long seconds = (Long) m.getField(d.findFieldByName("seconds"));
        int nanos = (Integer) m.getField(d.findFieldByName("nanos"));
        if (seconds == GoTime.GO_ZERO_SECONDS && nanos == 0) {
          return null; // Go's zero time, which upstream writes as null
        }
        return info.kind == Special.TIME ? GoTime.formatTime(seconds) : GoTime.formatMicroTime(seconds, nanos);
      }
      case DURATION:
        return GoTime.formatDuration((Long) m.getField(d.findFieldByNumber(1)));
      case RAW_JSON: {
        FieldDescriptor raw = d.findFieldByNumber(1);
        if (!m.hasField(raw)) {
          return null;
        }
        String text = ((ByteString) m.getField(raw)).toStringUtf8();
        try {
          return Json.parse(text);
        } catch (CodecException e) {
          throw CodecException.at(p.indexed(), (p.indexed().isEmpty() ? "" : p.indexed() + ": ")
              + d.getName() + " does not hold JSON: " + e.getMessage());
        }
      }
      case STRING_LIST:
        return new ArrayList<>((List<?>) m.getField(d.findFieldByNumber(1)));
      case SCHEMA_OR_ARRAY: {
        FieldDescriptor arr = d.findFieldByName("jSONSchemas");
        if (m.getRepeatedFieldCount(arr) > 0) {
          return encodeField(arr, m.getField(arr), p);
        }
        FieldDescriptor schema = d.findFieldByName("schema");
        return m.hasField(schema) ? encode((Message) m.getField(schema), p) : null;
      }
      case SCHEMA_OR_BOOL: {
        FieldDescriptor schema = d.findFieldByName("schema");
        if (m.hasField(schema)) {
          return encode((Message) m.getField(schema), p);
        }
        return m.getField(d.findFieldByName("allows"));
      }
      case SCHEMA_OR_STRING_ARRAY: {
        FieldDescriptor prop = d.findFieldByName("property");
        if (m.getRepeatedFieldCount(prop) > 0) {
          return new ArrayList<>((List<?>) m.getField(prop));
        }
        FieldDescriptor schema = d.findFieldByName("schema");
        return m.hasField(schema) ? encode((Message) m.getField(schema), p) : null;
      }
      default:
        throw new IllegalStateException(info.kind.toString());
    }
  }

  // ---------------------------------------------------------------- descriptors

  /**
   * The default instance of the generated class for {@code d} (found through the file's java_package and
   * java_outer_classname), or a DynamicMessage when no such class is on the class path.
   */
  public static Message defaultInstance(Descriptor d) {
    return DEFAULTS.computeIfAbsent(d, ObjectCodec::findDefaultInstance);
  }

  private static Message findDefaultInstance(Descriptor d) {
    FileDescriptor file = d.getFile();
    String pkg = file.getOptions().hasJavaPackage() ? file.getOptions().getJavaPackage() : file.getPackage();
    StringBuilder name = new StringBuilder(d.getName());
    for (Descriptor c = d.getContainingType(); c != null; c = c.getContainingType()) {
      name.insert(0, c.getName() + "$");
    }
    if (!file.getOptions().getJavaMultipleFiles() && file.getOptions().hasJavaOuterClassname()) {
      name.insert(0, file.getOptions().getJavaOuterClassname() + "$");
    }
    String className = (pkg.isEmpty() ? "" : pkg + ".") + name;
    try {
      Class<?> c = Class.forName(className, true, ObjectCodec.class.getClassLoader());
      Message m = (Message) c.getMethod("getDefaultInstance").invoke(null);
      if (m.getDescriptorForType() == d) {
        return m;
      }
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      // fall through to a dynamic message
    }
    return DynamicMessage.getDefaultInstance(d);
  }

  private enum Special {
    NONE, QUANTITY, INT_OR_STRING, TIME, MICRO_TIME, DURATION, RAW_JSON, STRING_LIST,
    SCHEMA_OR_ARRAY, SCHEMA_OR_BOOL, SCHEMA_OR_STRING_ARRAY
  }

  /** What the codec needs to know about one message type, computed once. */
  private static final class Info {
    final Descriptor descriptor;
    final Special kind;
    final Map<FieldDescriptor, String> jsonNames = new HashMap<>();
    final Map<String, FieldDescriptor> byJson = new HashMap<>();
    /** JSON names of inline structs' fields, to the inline field of this message that holds them. */
    final Map<String, FieldDescriptor> viaInline = new HashMap<>();
    final Set<FieldDescriptor> inline = new HashSet<>();

    Info(Descriptor d) {
      this.descriptor = d;
      this.kind = special(d);
      for (FieldDescriptor f : d.getFields()) {
        String key = d.getName() + "." + f.getName();
        if (INLINE.contains(key) && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated()) {
          inline.add(f);
          continue;
        }
        String json = jsonName(d, f);
        jsonNames.put(f, json);
        byJson.put(json, f);
      }
      for (FieldDescriptor f : inline) {
        for (String name : jsonKeys(f.getMessageType())) {
          if (!byJson.containsKey(name)) {
            viaInline.putIfAbsent(name, f);
          }
        }
      }
    }

    /** All JSON keys a message accepts, its inline structs' included. */
    private static Set<String> jsonKeys(Descriptor d) {
      Info info = info(d);
      Set<String> out = new HashSet<>(info.byJson.keySet());
      out.addAll(info.viaInline.keySet());
      return out;
    }

    private static String jsonName(Descriptor d, FieldDescriptor f) {
      String renamed = RENAMED.get(d.getName() + "." + f.getName());
      if (renamed != null) {
        return renamed;
      }
      if (d.getName().equals("JSONSchemaProps") && isApiextensions(d)) {
        switch (f.getName()) {
          case "ref":
            return "$ref";
          case "schema":
            return "$schema";
          default:
            if (f.getName().startsWith("xKubernetes")) {
              return f.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            }
        }
      }
      return f.getName();
    }

    private static boolean isApiextensions(Descriptor d) {
      return d.getFile().getPackage().startsWith("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.");
    }

    private static Special special(Descriptor d) {
      switch (d.getFullName()) {
        case "k8s.io.apimachinery.pkg.api.resource.Quantity":
        case "k8s.io.apimachinery.pkg.api.resource.QuantityValue":
          return Special.QUANTITY;
        case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
          return Special.INT_OR_STRING;
        case "k8s.io.apimachinery.pkg.apis.meta.v1.Time":
          return Special.TIME;
        case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime":
          return Special.MICRO_TIME;
        case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration":
          return Special.DURATION;
        case "k8s.io.apimachinery.pkg.runtime.RawExtension":
        case "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1":
          return Special.RAW_JSON;
        case "k8s.io.apimachinery.pkg.apis.meta.v1.Verbs":
          return Special.STRING_LIST;
        default:
          break;
      }
      if (d.getName().equals("ExtraValue") && d.getFields().size() == 1
          && d.getFields().get(0).isRepeated() && d.getFields().get(0).getType() == FieldDescriptor.Type.STRING) {
        return Special.STRING_LIST;
      }
      if (isApiextensions(d)) {
        switch (d.getName()) {
          case "JSON":
            return Special.RAW_JSON;
          case "JSONSchemaPropsOrArray":
            return Special.SCHEMA_OR_ARRAY;
          case "JSONSchemaPropsOrBool":
            return Special.SCHEMA_OR_BOOL;
          case "JSONSchemaPropsOrStringArray":
            return Special.SCHEMA_OR_STRING_ARRAY;
          default:
            break;
        }
      }
      return Special.NONE;
    }
  }

  private static Info info(Descriptor d) {
    Info info = INFOS.get(d);
    if (info == null) {
      info = new Info(d); // may recurse into inline types; not under computeIfAbsent for that reason
      Info prev = INFOS.putIfAbsent(d, info);
      if (prev != null) {
        info = prev;
      }
    }
    return info;
  }

  /**
   * Where a value sits, built cheaply while decoding and rendered only for errors: {@link #indexed()} as upstream's
   * strict errors write it ({@code spec.containers[0].ports[0].containerPort}, map keys as {@code .key}) and
   * {@link #goField()} as Go's type errors do (field names only).
   */
  private static final class Path {
    static final Path ROOT = new Path(null, null, -1, false);

    final Path parent;
    final String name;
    final int index;
    final boolean mapKey;

    private Path(Path parent, String name, int index, boolean mapKey) {
      this.parent = parent;
      this.name = name;
      this.index = index;
      this.mapKey = mapKey;
    }

    Path field(String n) {
      return new Path(this, n, -1, false);
    }

    Path key(String k) {
      return new Path(this, k, -1, true);
    }

    Path index(int i) {
      return new Path(this, null, i, false);
    }

    String indexed() {
      if (parent == null) {
        return "";
      }
      String up = parent.indexed();
      if (name == null) {
        return up + "[" + index + "]";
      }
      return up.isEmpty() ? name : up + "." + name;
    }

    String goField() {
      if (parent == null) {
        return "";
      }
      String up = parent.goField();
      if (name == null || mapKey) {
        return up;
      }
      return up.isEmpty() ? name : up + "." + name;
    }
  }
}
