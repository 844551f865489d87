package windlass.controllers.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import windlass.controllers.testing.Fixtures;

class PodTemplateHashTest {

  @Test
  void isStableAndUsesTheSafeAlphabetOfDigits() {
    String h = PodTemplateHash.of(Fixtures.template("nginx:1.25"), null);
    assertEquals(h, PodTemplateHash.of(Fixtures.template("nginx:1.25"), null));
    assertTrue(h.matches("[45678 9bcdf]{1,10}".replace(" ", "")), h);
    assertNotEquals(h, PodTemplateHash.of(Fixtures.template("nginx:1.27"), null));
    assertNotEquals(h, PodTemplateHash.of(Fixtures.template("nginx:1.25"), 1));
  }

  @Test
  void encodesDigitsAsUpstreamsSafeEncodeString() {
    // '0'..'9' are 48..57; 48 % 27 = 21 → '4', ..., 54 % 27 = 0 → 'b'
    assertEquals("456789bcdf", PodTemplateHash.safeEncode("0123456789"));
  }

  @Test
  void fnv32aMatchesTheReferenceVectors() {
    assertEquals(0x811c9dc5, PodTemplateHash.fnv(0x811c9dc5, new byte[0]));
    assertEquals(0xe40c292c, PodTemplateHash.fnv(0x811c9dc5, "a".getBytes()));
    assertEquals(0xbf9cf968, PodTemplateHash.fnv(0x811c9dc5, "foobar".getBytes()));
  }
}
