package windlass.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void scalarsReadAsGoYamlV2ReadsThem() {
    Map<?, ?> m = (Map<?, ?>) Yaml.parse("a: yes\nb: on\nc: y\nd: \"yes\"\ne: 0644\nf: 22:22\ng: 2026-11-23\n"
        + "h: 1e3\ni: ~\n80: x\ny: t\nj: 2026-11-23T06:50:50Z\nk: 12\nl: -0.5\nm: No\n");
    assertEquals(true, m.get("a"));
    assertEquals(true, m.get("b"));
    assertEquals(true, m.get("c"));
    assertEquals("yes", m.get("d"));
    assertEquals(420L, m.get("e"));
    assertEquals("22:22", m.get("f"));
    assertEquals("2026-11-23", m.get("g"));
    assertEquals(1000.0, m.get("h"));
    assertTrue(m.containsKey("i"));
    assertNull(m.get("i"));
    assertEquals("x", m.get("80"));
    assertEquals("t", m.get("true")); // the key y is a boolean to go-yaml v2 too
    assertEquals("2026-11-23T06:50:50Z", m.get("j"));
    assertEquals(12L, m.get("k"));
    assertEquals(-0.5, m.get("l"));
    assertEquals(false, m.get("m"));
  }

  @Test
  void mergeKeysAndAnchors() {
    Map<?, ?> m = (Map<?, ?>) Yaml.parse("base: &b {x: 1}\nd:\n  <<: *b\n  w: 2\n");
    assertEquals(Map.of("x", 1L, "w", 2L), m.get("d"));
  }

  @Test
  void errorsCarryLineAndColumn() {
    CodecException e = assertThrows(CodecException.class, () -> Yaml.parse("a: b\n  c: d\n"));
    assertEquals(2, e.line());
    assertEquals(4, e.column());
    assertTrue(e.getMessage().startsWith("yaml: line 2, column 4: mapping values are not allowed here"),
        e.getMessage());

    e = assertThrows(CodecException.class, () -> Yaml.parse("metadata:\n  name: a\n  name: b\n"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("duplicate key name"), e.getMessage());
  }

  @Test
  void printsInKubectlStyle() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("plain", "hello world");
    t.put("port", "80");
    t.put("bool", "true");
    t.put("yes", "yes");
    t.put("empty", "");
    t.put("time", "2026-11-23T06:50:50Z");
    t.put("star", "*");
    t.put("colon", "a: b");
    t.put("hash", "a #b");
    t.put("url", "http://x:80/a#b");
    t.put("octal", "0644");
    t.put("float", "1.5");
    t.put("base60", "22:22");
    t.put("lead", " x");
    t.put("quote", "it's");
    t.put("dq", "\"q\"");
    t.put("multi", "line1\nline2\n");
    t.put("multiNoEnd", "a\nb");
    t.put("tab", "a\tb");
    t.put("80", 80L);
    t.put("n", null);
    t.put("f", 0.25);
    t.put("list", List.of());
    t.put("map", Map.of());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", "x");
    c.put("ports", List.of(Map.of("containerPort", 80L)));
    c.put("script", "echo a\necho b");
    t.put("nested", List.of(c, List.of("a", "b"), "s", List.of(), Map.of()));
    String expected = """
        plain: hello world
        port: "80"
        bool: "true"
        "yes": "yes"
        empty: ""
        time: "2026-11-23T06:50:50Z"
        star: '*'
        colon: 'a: b'
        hash: 'a #b'
        url: http://x:80/a#b
        octal: "0644"
        float: "1.5"
        base60: "22:22"
        lead: ' x'
        quote: it's
        dq: '"q"'
        multi: |
          line1
          line2
        multiNoEnd: |-
          a
          b
        tab: "a\\tb"
        "80": 80
        "n": null
        f: 0.25
        list: []
        map: {}
        nested:
        - name: x
          ports:
          - containerPort: 80
          script: |-
            echo a
            echo b
        - - a
          - b
        - s
        - []
        - {}
        """;
    String printed = Yaml.print(t);
    assertEquals(expected, printed);
    assertEquals(t, Yaml.parse(printed));
  }

  @Test
  void printsDocumentsAndSortsLikeKubectl() {
    assertEquals("a: 1\n---\n- x\n---\n{}\n", Yaml.printAll(List.of(Map.of("a", 1L), List.of("x"), Map.of())));
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("kind", "Pod");
    t.put("apiVersion", "v1");
    t.put("b", List.of(new LinkedHashMap<>(Map.of("z", 1L))));
    assertEquals(List.of("apiVersion", "b", "kind"), new ArrayList<>(((Map<?, ?>) Yaml.sorted(t)).keySet()));
  }

  @Test
  void strangeStringsRoundTrip() {
    List<String> strings = List.of("", " ", "a ", "- a", "-", "? x", "[x]", "{x}", "a\n b", "a \nb", "\na",
        "a\n\n", "ü", "\u0001", "null", "~", "Y", "n", "0x1F", "1_000", ".inf", "1e3", "---", "...",
        "a: b: c", "key:", "#x", "@x", "`x`", "%x", "!x", "&x", "|", ">", "<<", "=", "2026-1-2", "\\x");
    Map<String, Object> t = new LinkedHashMap<>();
    for (int i = 0; i < strings.size(); i++) {
      t.put("k" + i, strings.get(i));
      t.put(strings.get(i) + "#" + i, "key");
    }
    String printed = Yaml.print(t);
    assertEquals(t, Yaml.parse(printed), printed);
  }
}
