package windlass.apiserver.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObjectIndexTest {
  private final ObjectIndex<String> index = new ObjectIndex<>();

  private List<String> under(String prefix) {
    TreeMap<String, String> out = new TreeMap<>();
    index.forEachUnder(prefix, out::put);
    return out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  @Test
  void prefixesSeeExactlyTheKeysThatStartWithThem() {
    for (String k : List.of("/registry/pods/default/a", "/registry/pods/default/ab", "/registry/pods/defaults/c",
        "/registry/pods/kube-system/d", "/registry/pods/x")) {
      index.put(k, k.substring(k.lastIndexOf('/') + 1));
    }
    assertEquals(List.of("/registry/pods/default/a=a", "/registry/pods/default/ab=ab"),
        under("/registry/pods/default/"), "one namespace, not the one whose name extends it");
    assertEquals(5, under("/registry/pods/").size(), "everything, the cluster-scoped key too");
    assertEquals(List.of("/registry/pods/default/a=a", "/registry/pods/default/ab=ab",
        "/registry/pods/defaults/c=c"), under("/registry/pods/default"), "a prefix ending inside a segment");
    assertEquals(List.of("/registry/pods/default/ab=ab"), under("/registry/pods/default/ab"));
    assertEquals(List.of(), under("/registry/pods/none/"));
  }

  @Test
  void putReplacesAndRemoveForgets() {
    assertNull(index.put("/r/ns/a", "1"));
    assertEquals("1", index.put("/r/ns/a", "2"));
    assertEquals("2", index.get("/r/ns/a"));
    assertNull(index.get("/r/ns/a2"), "a longer key under the same parent is another object");
    assertNull(index.get("/r/ns2/a"));
    assertEquals("2", index.remove("/r/ns/a"));
    assertNull(index.remove("/r/ns/a"));
    assertEquals(List.of(), under("/r/"));
    index.put("/r/ns/b", "b");
    index.clear();
    assertNull(index.get("/r/ns/b"));
  }
}
