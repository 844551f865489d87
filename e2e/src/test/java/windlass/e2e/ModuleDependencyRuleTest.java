package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * design.md's rule: components never import each other; they meet only through proto and client. Checked on every
 * module's pom (all scopes), so a forbidden dependency fails the build rather than surviving review.
 */
class ModuleDependencyRuleTest {
  private static final Set<String> SHARED = Set.of("proto", "client");
  /** What each module may depend on among our own modules (design.md, "Modules"). */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("proto", Set.of()),
      Map.entry("client", Set.of("proto")),
      Map.entry("api-server", SHARED),
      Map.entry("scheduler", SHARED),
      Map.entry("controllers", SHARED),
      Map.entry("cri-shim", Set.of("proto")),
      Map.entry("cni-bridge", SHARED),
      Map.entry("kubelet", Set.of("proto", "client", "cri-shim", "cni-bridge")),
      Map.entry("proxy", SHARED),
      Map.entry("device-plugin", Set.of("proto")),
      Map.entry("kubectl", SHARED),
      Map.entry("kubeadm", SHARED));
  /** Modules that assemble or test the whole system and so may depend on anything. */
  private static final Set<String> ASSEMBLERS = Set.of("dist", "e2e", "bench");

  @Test
  void componentsDependOnlyOnProtoAndClient() throws Exception {
    Path root = repoRoot();
    List<String> modules = children(root.resolve("pom.xml"), "modules", "module");
    Set<String> known = new TreeSet<>(ALLOWED.keySet());
    known.addAll(ASSEMBLERS);
    assertEquals(known, new TreeSet<>(modules), "every reactor module must be classified in this test");
    List<String> violations = new ArrayList<>();
    for (String m : modules) {
      if (ASSEMBLERS.contains(m)) {
        continue;
      }
      for (String dep : windlassDependencies(root.resolve(m).resolve("pom.xml"))) {
        if (!ALLOWED.get(m).contains(dep)) {
          violations.add(m + " -> " + dep);
        }
      }
    }
    assertTrue(violations.isEmpty(), "component modules may depend only on proto/client (design.md): " + violations);
  }

  @Test
  void ruleCatchesAForbiddenDependency() throws Exception {
    Path pom = Files.createTempFile("pom", ".xml");
    Files.writeString(pom, """
        <project><dependencies>
          <dependency><groupId>io.windlass</groupId><artifactId>client</artifactId></dependency>
          <dependency><groupId>io.windlass</groupId><artifactId>api-server</artifactId><scope>test</scope></dependency>
          <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency>
        </dependencies></project>
        """);
    assertEquals(List.of("client", "api-server"), windlassDependencies(pom));
    Files.delete(pom);
  }

  static List<String> windlassDependencies(Path pom) throws Exception {
    Element project = parse(pom);
    List<String> out = new ArrayList<>();
    NodeList deps = project.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (d.getParentNode().getParentNode() != project) {
        continue; // dependencyManagement or plugin dependencies
      }
      if ("io.windlass".equals(text(d, "groupId"))) {
        out.add(text(d, "artifactId"));
      }
    }
    return out;
  }

  private static List<String> children(Path pom, String list, String item) throws Exception {
    Element l = (Element) parse(pom).getElementsByTagName(list).item(0);
    List<String> out = new ArrayList<>();
    NodeList items = l.getElementsByTagName(item);
    for (int i = 0; i < items.getLength(); i++) {
      out.add(items.item(i).getTextContent().trim());
    }
    return out;
  }

  private static Element parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("e2e").resolve("pom.xml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
