package windlass.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesValues() {
    Map<?, ?> m = (Map<?, ?>) Json.parse(
        "{\"i\": 12, \"big\": 123456789012345678901234, \"f\": 1.5e2, \"s\": \"\\u00e9\\n\\ud83d\\ude00\\/\","
            + " \"t\": true, \"n\": null, \"l\": [], \"o\": {}}");
    assertEquals(12L, m.get("i"));
    assertEquals(new BigInteger("123456789012345678901234"), m.get("big"));
    assertEquals(150.0, m.get("f"));
    assertEquals("é\n😀/", m.get("s"));
    assertEquals(true, m.get("t"));
    assertEquals(List.of(), m.get("l"));
    assertEquals(Map.of(), m.get("o"));
    assertEquals(List.of("i", "big", "f", "s", "t", "n", "l", "o"), List.copyOf(m.keySet()));
  }

  @Test
  void errorsCarryLineAndColumn() {
    CodecException e = assertThrows(CodecException.class, () -> Json.parse("{\n  \"a\": 1,\n}"));
    assertEquals("json: line 3, column 1: invalid character '}' looking for beginning of object key string",
        e.getMessage());
    assertEquals(3, e.line());
    assertEquals(1, e.column());
    e = assertThrows(CodecException.class, () -> Json.parse("{\"a\" 1}"));
    assertEquals("json: line 1, column 6: invalid character '1' after object key", e.getMessage());
    e = assertThrows(CodecException.class, () -> Json.parse("{\"a\": 1, \"a\": 2}"));
    assertEquals("json: line 1, column 10: duplicate field \"a\"", e.getMessage());
    e = assertThrows(CodecException.class, () -> Json.parse("{} x"));
    assertEquals("json: line 1, column 4: invalid character 'x' after top-level value", e.getMessage());
    e = assertThrows(CodecException.class, () -> Json.parse("[1, 2"));
    assertEquals("json: line 1, column 6: unexpected end of JSON input", e.getMessage());
    e = assertThrows(CodecException.class, () -> Json.parse("[01]"));
    assertEquals("json: line 1, column 3: invalid character '1' after array element", e.getMessage());
  }

  @Test
  void printsAsGo() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("a", List.of(1L, Map.of("b", "x<y&z>")));
    t.put("c", Map.of());
    t.put("d", List.of());
    t.put("e", "line\n\"q\"\u2028");
    assertEquals("""
        {
            "a": [
                1,
                {
                    "b": "x\\u003cy\\u0026z\\u003e"
                }
            ],
            "c": {},
            "d": [],
            "e": "line\\n\\"q\\"\\u2028"
        }""", Json.printPretty(t));
    assertEquals("{\"a\":[1,{\"b\":\"x\\u003cy\\u0026z\\u003e\"}],\"c\":{},\"d\":[],\"e\":\"line\\n\\\"q\\\"\\u2028\"}",
        Json.print(t));
    assertEquals(t, Json.parse(Json.print(t)));
  }

  @Test
  void numbersAsGo() {
    assertEquals("1.5", Json.formatNumber(1.5));
    assertEquals("100", Json.formatNumber(100.0));
    assertEquals("1e+21", Json.formatNumber(1e21));
    assertEquals("1e-7", Json.formatNumber(1e-7));
    assertEquals("0.000001", Json.formatNumber(0.000001));
    assertEquals("-2.5e+30", Json.formatNumber(-2.5e30));
    assertEquals("0.1", Json.formatNumber(0.1));
    assertEquals("9007199254740993", Json.formatNumber(9007199254740993L));
  }

  @Test
  void streams() {
    assertEquals(List.of(Map.of("a", 1L), Map.of("b", 2L), List.of(3L)),
        Json.parseAll(" {\"a\":1} {\"b\":2}\n[3]\n"));
  }
}
