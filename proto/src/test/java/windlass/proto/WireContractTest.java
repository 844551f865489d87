package windlass.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the compiled CRI, device-plugin and pod-resources descriptors against the field, enum and RPC
 * tables of protocols.md (sections 1, 2 and 3; copy in src/test/resources). The doc is parsed strictly:
 * the parsed counts must equal the counts the doc states, so a parser bug cannot make the check vacuous.
 */
class WireContractTest {

  /** One contract file: doc section number, the generated file descriptor and its Java options. */
  record Contract(int section, FileDescriptor file, String javaPackage, String outerClass) {}

  static final List<Contract> CONTRACTS = List.of(
      new Contract(1, windlass.cri.v1.CriApi.getDescriptor(), "windlass.cri.v1", "CriApi"),
      new Contract(2, windlass.deviceplugin.v1beta1.DevicePluginApi.getDescriptor(),
          "windlass.deviceplugin.v1beta1", "DevicePluginApi"),
      new Contract(3, windlass.podresources.v1.PodResourcesApi.getDescriptor(),
          "windlass.podresources.v1", "PodResourcesApi"));

  // ------------------------------------------------------------------ expected model, parsed from the doc

  record Field(int number, boolean repeated, String type, String mapKey, String mapValue, String name,
      boolean deprecated) {}

  record Rpc(String service, String name, String request, String response, boolean serverStreaming) {}

  /** What one doc section (1, 2 or 3) says about one .proto file. */
  record Section(int number, String pkg, Map<String, List<Field>> messages,
      Map<String, Map<String, Integer>> enums, List<Rpc> rpcs) {}

  static final Pattern SECTION = Pattern.compile("^## (\\d+)\\. .*");
  static final Pattern SUBSECTION = Pattern.compile("^### (\\d+)\\.(\\d+) .*");
  static final Pattern SECTION_PKG = Pattern.compile("^## \\d+\\. .*?package `([\\w.]+)`.*");
  static final Pattern SECTION_SERVICE = Pattern.compile(".*\\(service `(\\w+)`\\).*");
  static final Pattern MESSAGES_HEADER = Pattern.compile("^### \\d+\\.\\d+ Messages \\((\\d+)\\b.*");
  static final Pattern ENUMS_HEADER = Pattern.compile("^### \\d+\\.\\d+ Enums \\((\\d+)\\b.*");
  static final Pattern RPCS_HEADER = Pattern.compile("^### \\d+\\.\\d+ (\\w+) — (\\d+) RPCs\\b.*");
  static final Pattern MESSAGE_LINE = Pattern.compile("^- (\\w+): (.+)$");
  static final Pattern FIELD = Pattern.compile(
      "^(\\d+) (repeated )?(map<(\\w+),(\\w+)>|[A-Za-z][\\w.]*) (\\w+)( \\[deprecated])?$");
  static final Pattern ENUM_LINE = Pattern.compile("^- enum ([\\w.]+): (.+)$");
  static final Pattern ENUM_VALUE = Pattern.compile("^(\\w+)=(\\d+)$");
  static final Pattern REQ_RESP = Pattern.compile("^(\\w+) → (\\*\\*stream\\*\\* )?(\\w+)$");
  static final Pattern METHOD_PATH = Pattern.compile("`/([\\w.]+)\\.(\\w+)/(\\w+)`");
  static final Pattern TOTAL_MESSAGES = Pattern.compile("\\*\\*(\\d+) messages\\*\\*");
  static final Pattern TOTAL_ENUMS = Pattern.compile("\\*\\*(\\d+) enums\\*\\*");
  static final Pattern TOTAL_RPCS = Pattern.compile("\\b(\\d+) RPCs \\((\\d+) \\+ (\\d+)\\)");

  static String loadDoc() throws IOException {
    try (InputStream in = WireContractTest.class.getResourceAsStream("/protocols.md")) {
      if (in == null) {
        throw new IllegalStateException("protocols.md missing from test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static IllegalStateException bad(String what, String line) {
    return new IllegalStateException(what + ": " + line);
  }

  /** Parses sections 1..3 of the doc; throws on any malformed entry or count mismatch. */
  static Map<Integer, Section> parse(String doc) {
    Map<Integer, Section> out = new LinkedHashMap<>();
    Map<String, Integer> statedRpcs = new LinkedHashMap<>(); // service -> count stated by its header
    Set<String> pathRpcs = new TreeSet<>(); // "pkg.Service/Rpc" from method paths in backquotes
    int[] stated = new int[4]; // [section] -> stated message count
    int[] statedEnums = new int[4];
    int statedTotalMessages = -1;
    int statedTotalEnums = -1;
    int[] statedTotalRpcs = null;

    Section cur = null;
    String sub = "";
    String subKind = "";
    String serviceOfSubsection = null;
    String serviceOfSection = null;
    List<String> tableHeader = null;
    for (String line : doc.split("\n", -1)) {
      Matcher m;
      if ((m = SECTION.matcher(line)).matches()) {
        int n = Integer.parseInt(m.group(1));
        cur = null;
        tableHeader = null;
        if (n >= 1 && n <= 3) {
          Matcher p = SECTION_PKG.matcher(line);
          if (!p.matches()) {
            throw bad("section without package", line);
          }
          cur = new Section(n, p.group(1), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
          out.put(n, cur);
          Matcher s = SECTION_SERVICE.matcher(line);
          serviceOfSection = s.matches() ? s.group(1) : null;
        }
        continue;
      }
      if (cur == null) {
        continue;
      }
      if ((m = SUBSECTION.matcher(line)).matches()) {
        sub = m.group(1) + "." + m.group(2);
        tableHeader = null;
        subKind = "";
        serviceOfSubsection = null;
        if ((m = MESSAGES_HEADER.matcher(line)).matches()) {
          subKind = "messages";
          stated[cur.number()] = Integer.parseInt(m.group(1));
        } else if ((m = ENUMS_HEADER.matcher(line)).matches()) {
          subKind = "enums";
          statedEnums[cur.number()] = Integer.parseInt(m.group(1));
        } else if ((m = RPCS_HEADER.matcher(line)).matches()) {
          serviceOfSubsection = m.group(1);
          statedRpcs.put(cur.pkg() + "." + m.group(1), Integer.parseInt(m.group(2)));
        }
        continue;
      }
      m = METHOD_PATH.matcher(line);
      while (m.find()) {
        if (m.group(1).equals(cur.pkg())) {
          pathRpcs.add(m.group(1) + "." + m.group(2) + "/" + m.group(3));
        }
      }
      if (sub.equals("1.10")) {
        if ((m = TOTAL_MESSAGES.matcher(line)).find()) {
          statedTotalMessages = Integer.parseInt(m.group(1));
        }
        if ((m = TOTAL_ENUMS.matcher(line)).find()) {
          statedTotalEnums = Integer.parseInt(m.group(1));
        }
        if ((m = TOTAL_RPCS.matcher(line)).find()) {
          statedTotalRpcs = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))};
        }
      }
      if (subKind.equals("messages") && (m = MESSAGE_LINE.matcher(line)).matches()) {
        String name = m.group(1);
        List<Field> fields = parseFields(m.group(2), line);
        if (cur.messages().put(name, fields) != null) {
          throw bad("duplicate message", line);
        }
        continue;
      }
      if (subKind.equals("enums") && line.startsWith("- enum")) {
        if (!(m = ENUM_LINE.matcher(line)).matches()) {
          throw bad("malformed enum line", line);
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String v : m.group(2).split(", ")) {
          Matcher ev = ENUM_VALUE.matcher(v.trim());
          if (!ev.matches() || values.put(ev.group(1), Integer.parseInt(ev.group(2))) != null) {
            throw bad("malformed enum value '" + v + "'", line);
          }
        }
        if (cur.enums().put(m.group(1), values) != null) {
          throw bad("duplicate enum", line);
        }
        continue;
      }
      if (line.startsWith("|")) {
        List<String> cells = cells(line);
        if (tableHeader == null) {
          tableHeader = cells;
          continue;
        }
        if (cells.stream().allMatch(c -> c.matches("-+"))) {
          continue;
        }
        int rpcCol = tableHeader.indexOf("RPC");
        int rrCol = tableHeader.indexOf("Request → Response");
        if (rpcCol < 0 || rrCol < 0) {
          continue; // not an RPC table
        }
        if (cells.size() != tableHeader.size()) {
          throw bad("RPC table row with wrong cell count", line);
        }
        int svcCol = tableHeader.indexOf("Service");
        String service = svcCol >= 0 ? cells.get(svcCol)
            : serviceOfSubsection != null ? serviceOfSubsection : serviceOfSection;
        Matcher rr = REQ_RESP.matcher(cells.get(rrCol));
        if (service == null || !cells.get(rpcCol).matches("\\w+") || !rr.matches()) {
          throw bad("malformed RPC row", line);
        }
        boolean streaming = rr.group(2) != null;
        int stCol = tableHeader.indexOf("Streaming");
        if (stCol >= 0) {
          String st = cells.get(stCol);
          if (!st.equals("unary") && !st.equals("**server-streaming**")) {
            throw bad("unknown streaming kind '" + st + "'", line);
          }
          streaming |= st.equals("**server-streaming**");
        }
        cur.rpcs().add(new Rpc(service, cells.get(rpcCol), rr.group(1), rr.group(3), streaming));
        continue;
      }
      tableHeader = null;
    }

    // Count guards: what was parsed must be what the doc says it lists.
    for (int n = 1; n <= 3; n++) {
      Section s = out.get(n);
      if (s == null) {
        throw new IllegalStateException("section " + n + " not found");
      }
      if (stated[n] <= 0 || s.messages().size() != stated[n]) {
        throw new IllegalStateException("section " + n + ": parsed " + s.messages().size()
            + " messages, the doc states " + stated[n]);
      }
      if (s.enums().size() != statedEnums[n]) {
        throw new IllegalStateException("section " + n + ": parsed " + s.enums().size()
            + " enums, the doc states " + statedEnums[n]);
      }
      if (s.rpcs().isEmpty()) {
        throw new IllegalStateException("section " + n + ": no RPC parsed");
      }
      Set<String> keys = new TreeSet<>();
      for (Rpc r : s.rpcs()) {
        if (!keys.add(r.service() + "/" + r.name())) {
          throw new IllegalStateException("duplicate RPC " + r);
        }
      }
    }
    for (Map.Entry<String, Integer> e : statedRpcs.entrySet()) {
      long got = out.values().stream().flatMap(s -> s.rpcs().stream())
          .filter(r -> e.getKey().endsWith("." + r.service())).count();
      if (got != e.getValue()) {
        throw new IllegalStateException(e.getKey() + ": parsed " + got + " RPCs, the doc states " + e.getValue());
      }
    }
    Section cri = out.get(1);
    if (statedTotalMessages != cri.messages().size() || statedTotalEnums != cri.enums().size()
        || statedTotalRpcs == null || statedTotalRpcs[0] != cri.rpcs().size()
        || statedTotalRpcs[1] + statedTotalRpcs[2] != statedTotalRpcs[0]
        || statedRpcs.size() != 2) {
      throw new IllegalStateException("section 1.10 count check does not match the parsed tables");
    }
    // Sections 2 and 3 state their method paths: the RPC tables must list exactly those.
    for (int n = 2; n <= 3; n++) {
      Section s = out.get(n);
      Set<String> fromTable = s.rpcs().stream().map(r -> s.pkg() + "." + r.service() + "/" + r.name())
          .collect(Collectors.toCollection(TreeSet::new));
      Set<String> fromPaths = pathRpcs.stream().filter(p -> p.startsWith(s.pkg() + "."))
          .collect(Collectors.toCollection(TreeSet::new));
      if (!fromTable.equals(fromPaths)) {
        throw new IllegalStateException("section " + n + ": RPC table " + fromTable + " != method paths " + fromPaths);
      }
    }
    return out;
  }

  static List<String> cells(String row) {
    String t = row.trim();
    if (!t.endsWith("|")) {
      throw bad("table row not closed", row);
    }
    List<String> c = new ArrayList<>();
    for (String s : t.substring(1, t.length() - 1).split("\\|", -1)) {
      c.add(s.trim());
    }
    return c;
  }

  static List<Field> parseFields(String spec, String line) {
    List<Field> fields = new ArrayList<>();
    if (spec.equals("(no fields)")) {
      return fields;
    }
    for (String part : spec.split("; ")) {
      Matcher f = FIELD.matcher(part.trim());
      if (!f.matches()) {
        throw bad("malformed field '" + part + "'", line);
      }
      boolean isMap = f.group(4) != null;
      if (isMap && f.group(2) != null) {
        throw bad("repeated map", line);
      }
      fields.add(new Field(Integer.parseInt(f.group(1)), f.group(2) != null, isMap ? "map" : f.group(3),
          f.group(4), f.group(5), f.group(6), f.group(7) != null));
    }
    return fields;
  }

  // ------------------------------------------------------------------ checker

  /** Running totals of what the checker compared. */
  static final class Tally {
    int messages;
    int fields;
    int enums;
    int enumValues;
    int rpcs;
  }

  static final Set<String> SCALARS = Set.of("double", "float", "int32", "int64", "uint32", "uint64", "sint32",
      "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes");

  /** Returns every mismatch between the doc section and the file descriptor (empty = identical). */
  static List<String> check(Section doc, FileDescriptor file, Tally tally) {
    List<String> errors = new ArrayList<>();
    String pkg = file.getPackage();
    if (!pkg.equals(doc.pkg())) {
      errors.add(file.getName() + ": package " + pkg + ", doc says " + doc.pkg());
    }
    if (!file.toProto().getSyntax().equals("proto3")) {
      errors.add(file.getName() + ": not proto3");
    }

    // Messages: same top-level set, each with exactly the listed fields.
    Set<String> actual = file.getMessageTypes().stream().map(Descriptor::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    if (!actual.equals(new TreeSet<>(doc.messages().keySet()))) {
      errors.add(pkg + ": messages differ; only in .proto " + minus(actual, doc.messages().keySet())
          + ", only in doc " + minus(doc.messages().keySet(), actual));
    }
    for (Map.Entry<String, List<Field>> e : doc.messages().entrySet()) {
      Descriptor d = file.findMessageTypeByName(e.getKey());
      if (d == null) {
        continue; // reported above
      }
      tally.messages++;
      checkMessage(d, e.getValue(), file, errors, tally);
    }

    // Enums: top-level or nested (Outer.Inner), exactly the listed values.
    Set<String> actualEnums = new TreeSet<>();
    file.getEnumTypes().forEach(en -> actualEnums.add(en.getName()));
    file.getMessageTypes().forEach(m -> m.getEnumTypes().forEach(en -> actualEnums.add(m.getName() + "." + en.getName())));
    if (!actualEnums.equals(new TreeSet<>(doc.enums().keySet()))) {
      errors.add(pkg + ": enums differ; only in .proto " + minus(actualEnums, doc.enums().keySet())
          + ", only in doc " + minus(doc.enums().keySet(), actualEnums));
    }
    for (Map.Entry<String, Map<String, Integer>> e : doc.enums().entrySet()) {
      EnumDescriptor en = findEnum(file, e.getKey());
      if (en == null) {
        continue;
      }
      tally.enums++;
      Map<String, Integer> values = new LinkedHashMap<>();
      for (EnumValueDescriptor v : en.getValues()) {
        values.put(v.getName(), v.getNumber());
      }
      tally.enumValues += e.getValue().size();
      if (!values.equals(e.getValue())) {
        errors.add(en.getFullName() + ": values " + values + ", doc says " + e.getValue());
      }
    }

    // Services: same set of services and methods, same types and streaming.
    Map<String, Map<String, Rpc>> wanted = new LinkedHashMap<>();
    for (Rpc r : doc.rpcs()) {
      wanted.computeIfAbsent(r.service(), k -> new LinkedHashMap<>()).put(r.name(), r);
    }
    Set<String> actualServices = file.getServices().stream().map(ServiceDescriptor::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    if (!actualServices.equals(new TreeSet<>(wanted.keySet()))) {
      errors.add(pkg + ": services " + actualServices + ", doc says " + wanted.keySet());
    }
    for (Map.Entry<String, Map<String, Rpc>> e : wanted.entrySet()) {
      ServiceDescriptor svc = file.findServiceByName(e.getKey());
      if (svc == null) {
        continue;
      }
      Set<String> methods = svc.getMethods().stream().map(MethodDescriptor::getName)
          .collect(Collectors.toCollection(TreeSet::new));
      if (!methods.equals(new TreeSet<>(e.getValue().keySet()))) {
        errors.add(svc.getFullName() + ": methods differ; only in .proto " + minus(methods, e.getValue().keySet())
            + ", only in doc " + minus(e.getValue().keySet(), methods));
      }
      for (Rpc r : e.getValue().values()) {
        MethodDescriptor md = svc.findMethodByName(r.name());
        if (md == null) {
          continue;
        }
        tally.rpcs++;
        String got = md.getInputType().getFullName() + " -> " + (md.isServerStreaming() ? "stream " : "")
            + md.getOutputType().getFullName() + (md.isClientStreaming() ? " (client-streaming)" : "");
        String want = pkg + "." + r.request() + " -> " + (r.serverStreaming() ? "stream " : "") + pkg + "."
            + r.response();
        if (!got.equals(want)) {
          errors.add("/" + svc.getFullName() + "/" + r.name() + ": " + got + ", doc says " + want);
        }
      }
    }
    return errors;
  }

  static void checkMessage(Descriptor d, List<Field> want, FileDescriptor file, List<String> errors, Tally tally) {
    String where = d.getFullName();
    for (Descriptor nested : d.getNestedTypes()) {
      if (!nested.getOptions().getMapEntry()) {
        errors.add(where + ": unexpected nested message " + nested.getName());
      }
    }
    if (!d.getOneofs().isEmpty()) {
      errors.add(where + ": has oneofs / proto3 optional fields " + d.getOneofs());
    }
    Set<Integer> wantNumbers = want.stream().map(Field::number).collect(Collectors.toCollection(TreeSet::new));
    Set<Integer> gotNumbers = d.getFields().stream().map(FieldDescriptor::getNumber)
        .collect(Collectors.toCollection(TreeSet::new));
    if (wantNumbers.size() != want.size()) {
      errors.add(where + ": doc lists a field number twice");
    }
    if (!gotNumbers.equals(wantNumbers)) {
      errors.add(where + ": field numbers " + gotNumbers + ", doc says " + wantNumbers);
    }
    for (Field f : want) {
      FieldDescriptor fd = d.findFieldByNumber(f.number());
      if (fd == null) {
        continue;
      }
      tally.fields++;
      String at = where + "." + fd.getName() + " = " + f.number();
      if (!fd.getName().equals(f.name())) {
        errors.add(at + ": named " + fd.getName() + ", doc says " + f.name());
      }
      if (fd.getOptions().getDeprecated() != f.deprecated()) {
        errors.add(at + ": deprecated=" + fd.getOptions().getDeprecated() + ", doc says " + f.deprecated());
      }
      String got = describe(fd);
      String exp = f.type().equals("map")
          ? "map<" + resolve(f.mapKey(), d, file) + "," + resolve(f.mapValue(), d, file) + ">"
          : (f.repeated() ? "repeated " : "") + resolve(f.type(), d, file);
      if (!got.equals(exp)) {
        errors.add(at + ": type " + got + ", doc says " + exp);
      }
    }
  }

  /** Type of a field as doc-comparable text: scalar name, full type name, repeated, map<k,v>. */
  static String describe(FieldDescriptor fd) {
    if (fd.isMapField()) {
      Descriptor entry = fd.getMessageType();
      return "map<" + describe(entry.findFieldByNumber(1)) + "," + describe(entry.findFieldByNumber(2)) + ">";
    }
    String base = switch (fd.getJavaType()) {
      case MESSAGE -> fd.getMessageType().getFullName();
      case ENUM -> fd.getEnumType().getFullName();
      default -> fd.getType().name().toLowerCase(java.util.Locale.ROOT);
    };
    if (fd.toProto().getProto3Optional()) {
      base = "optional " + base;
    }
    return (fd.isRepeated() ? "repeated " : "") + base;
  }

  /** Resolves a doc type name like protoc would: scalar, nested in the message, then package-level. */
  static String resolve(String type, Descriptor scope, FileDescriptor file) {
    if (SCALARS.contains(type)) {
      return type;
    }
    String pkg = file.getPackage();
    for (String candidate : List.of(scope.getFullName() + "." + type, pkg + "." + type)) {
      String rel = candidate.substring(pkg.length() + 1);
      if (findMessage(file, rel) != null || findEnum(file, rel) != null) {
        return candidate;
      }
    }
    return "<unknown type " + type + ">";
  }

  static Descriptor findMessage(FileDescriptor file, String dotted) {
    String[] parts = dotted.split("\\.");
    Descriptor d = file.findMessageTypeByName(parts[0]);
    for (int i = 1; d != null && i < parts.length; i++) {
      d = d.findNestedTypeByName(parts[i]);
    }
    return d;
  }

  static EnumDescriptor findEnum(FileDescriptor file, String dotted) {
    int dot = dotted.lastIndexOf('.');
    if (dot < 0) {
      return file.findEnumTypeByName(dotted);
    }
    Descriptor outer = findMessage(file, dotted.substring(0, dot));
    return outer == null ? null : outer.findEnumTypeByName(dotted.substring(dot + 1));
  }

  static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> r = new TreeSet<>(a);
    r.removeAll(b);
    return r;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void descriptorsMatchTheDocTables() throws IOException {
    Map<Integer, Section> doc = parse(loadDoc());
    Tally tally = new Tally();
    List<String> errors = new ArrayList<>();
    for (Contract c : CONTRACTS) {
      errors.addAll(check(doc.get(c.section()), c.file(), tally));
    }
    assertEquals(List.of(), errors, "wire contract mismatches");
    // The doc's own counts, so that a shrunk doc or parser cannot pass silently.
    assertEquals(126 + 20 + 15, tally.messages);
    assertEquals(7, tally.enums);
    assertEquals(26 + 5 + 1 + 5 + 3, tally.rpcs);
    System.out.printf("WireContractTest: %d messages, %d fields, %d enums (%d values), %d RPCs checked%n",
        tally.messages, tally.fields, tally.enums, tally.enumValues, tally.rpcs);
  }

  @Test
  void javaOptionsKeepOuterClassesApart() {
    Set<String> outer = new TreeSet<>();
    for (Contract c : CONTRACTS) {
      var options = c.file().getOptions();
      assertEquals(c.javaPackage(), options.getJavaPackage(), c.file().getName());
      assertTrue(options.getJavaMultipleFiles(), c.file().getName());
      assertEquals(c.outerClass(), options.getJavaOuterClassname(), c.file().getName());
      assertTrue(outer.add(options.getJavaPackage() + "." + options.getJavaOuterClassname()));
      assertEquals(List.of(), c.file().getDependencies(), c.file().getName() + " must import nothing");
    }
  }

  /** Each doc edit must make the checker report a mismatch against the real descriptors. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ~ ", value = {
      "scalar type ~ - KeyValue: 1 string key; 2 string value ~ - KeyValue: 1 string key; 2 bytes value",
      "field number ~ - PodIP: 1 string ip ~ - PodIP: 2 string ip",
      "missing number ~ - Namespace: 2 NamespaceOption options ~ - Namespace: 1 NamespaceOption options",
      "extra field ~ - PodIP: 1 string ip ~ - PodIP: 1 string ip; 2 string family",
      "field name ~ - NUMANode: 1 int64 ID ~ - NUMANode: 1 int64 id",
      "repeated flag ~ - TopologyInfo: 1 repeated NUMANode nodes ~ - TopologyInfo: 1 NUMANode nodes",
      "map value type ~ 2 map<string,string> annotations ~ 2 map<string,bytes> annotations",
      "enum field type ~ 5 MountPropagation propagation ~ 5 Protocol propagation",
      "message field type ~ 3 PodSandboxConfig sandbox_config ~ 3 ContainerConfig sandbox_config",
      "deprecated flag ~ 7 string seccomp_profile_path [deprecated] ~ 7 string seccomp_profile_path",
      "renamed message ~ - PodIP: 1 string ip ~ - PodIp: 1 string ip",
      "enum number ~ TCP=0, UDP=1, SCTP=2 ~ TCP=0, UDP=1, SCTP=3",
      "enum extra value ~ RuntimeDefault=0, Unconfined=1, Localhost=2 ~ RuntimeDefault=0, Unconfined=1, Localhost=2, Other=3",
      "streaming lost ~ GetEventsRequest → **stream** ContainerEventResponse ~ GetEventsRequest → ContainerEventResponse",
      "streaming column ~ Empty → ListAndWatchResponse | **server-streaming** ~ Empty → ListAndWatchResponse | unary",
      "response type ~ RegisterRequest → Empty ~ RegisterRequest → DevicePluginOptions",
      "request type ~ GetPodResourcesRequest → GetPodResourcesResponse ~ ListPodResourcesRequest → GetPodResourcesResponse",
  })
  void checkerRejectsAModifiedTableLine(String label, String from, String to) throws IOException {
    String doc = loadDoc();
    assertTrue(doc.contains(from), "fixture text not in doc: " + from);
    String edited = doc.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    List<String> errors = new ArrayList<>();
    Map<Integer, Section> sections = parse(edited);
    for (Contract c : CONTRACTS) {
      errors.addAll(check(sections.get(c.section()), c.file(), new Tally()));
    }
    assertFalse(errors.isEmpty(), label + ": checker accepted a wrong table");
  }

  /** Each descriptor edit must make the checker report a mismatch against the real doc. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "renumber KeyValue.value, KeyValue, value",
      "retype PodIP.ip, PodIP, ip",
      "drop ContainerConfig.tty, ContainerConfig, tty",
  })
  void checkerRejectsABrokenDescriptor(String label, String message, String field) throws Exception {
    Section cri = parse(loadDoc()).get(1);
    FileDescriptor broken = mutate(windlass.cri.v1.CriApi.getDescriptor(), message, field, f -> switch (label.split(" ")[0]) {
      case "renumber" -> f.toBuilder().setNumber(f.getNumber() + 100).build();
      case "retype" -> f.toBuilder().setType(FieldDescriptorProto.Type.TYPE_BYTES).build();
      default -> null;
    });
    List<String> errors = check(cri, broken, new Tally());
    assertFalse(errors.isEmpty(), label);
    assertTrue(errors.stream().anyMatch(e -> e.contains("runtime.v1." + message)), errors.toString());
  }

  /** Rebuilds a file descriptor with one field replaced (or removed when the operator returns null). */
  static FileDescriptor mutate(FileDescriptor file, String message, String field,
      UnaryOperator<FieldDescriptorProto> op) throws DescriptorValidationException {
    FileDescriptorProto.Builder fp = file.toProto().toBuilder();
    for (var mb : fp.getMessageTypeBuilderList()) {
      if (!mb.getName().equals(message)) {
        continue;
      }
      for (int i = 0; i < mb.getFieldCount(); i++) {
        if (mb.getField(i).getName().equals(field)) {
          FieldDescriptorProto replaced = op.apply(mb.getField(i));
          if (replaced == null) {
            mb.removeField(i);
          } else {
            mb.setField(i, replaced);
          }
          return FileDescriptor.buildFrom(fp.build(), new FileDescriptor[0]);
        }
      }
    }
    throw new IllegalArgumentException(message + "." + field + " not found");
  }

  /** The parser must refuse a doc it cannot fully account for. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ~ ", value = {
      "message line dropped ~ - PodIP: 1 string ip ~ DROP_LINE",
      "message colon lost ~ - PodIP: 1 string ip ~ - PodIP 1 string ip",
      "malformed field ~ - PodIP: 1 string ip ~ - PodIP: 1 string",
      "duplicate message ~ - PodIP: 1 string ip ~ - PodIP: 1 string ip\\n- PodIP: 1 string ip",
      "stated count changed ~ ### 2.2 Messages (20) ~ ### 2.2 Messages (21)",
      "RPC row dropped ~ | ImageFsInfo | ImageFsInfoRequest → ImageFsInfoResponse | ~ DROP_LINE",
      "malformed RPC row ~ RunPodSandboxRequest → RunPodSandboxResponse ~ RunPodSandboxRequest RunPodSandboxResponse",
      "RPC missing from table ~ | DevicePlugin | PreStartContainer | ~ DROP_LINE",
      "enum line dropped ~ - enum Protocol: TCP=0, UDP=1, SCTP=2 ~ DROP_LINE",
      "malformed enum value ~ TCP=0, UDP=1, SCTP=2 ~ TCP=0, UDP=1, SCTP:2",
      "1.10 total changed ~ **126 messages** ~ **125 messages**",
  })
  void parserRejectsAnIncompleteDoc(String label, String from, String to) throws IOException {
    String doc = loadDoc();
    assertTrue(doc.contains(from), "fixture text not in doc: " + from);
    String edited = to.equals("DROP_LINE")
        ? doc.replaceFirst("(?m)^.*" + Pattern.quote(from) + ".*\n", "")
        : doc.replace(from, to.replace("\\n", "\n"));
    assertThrows(IllegalStateException.class, () -> parse(edited), label);
  }
}
