package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {
  @Test
  void matchesEqualityAndInequality() {
    FieldSelector s = FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed");
    assertEquals(List.of("spec.nodeName", "status.phase"), s.fields());
    assertTrue(s.matches(Map.of("spec.nodeName", "n1", "status.phase", "Running")));
    assertFalse(s.matches(Map.of("spec.nodeName", "n1", "status.phase", "Failed")));
    assertTrue(FieldSelector.parse("spec.nodeName==").matches(Map.of()));
    assertEquals("n1", s.requiredValue("spec.nodeName"));
  }

  @Test
  void honoursEscapes() {
    FieldSelector s = FieldSelector.parse("metadata.name=a\\,b");
    assertTrue(s.matches(Map.of("metadata.name", "a,b")));
    assertEquals("metadata.name=a\\,b", s.toString());
  }

  @Test
  void rejectsTermsWithoutOperator() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldSelector.parse("a=b,c"));
    assertEquals("invalid selector: 'a=b,c'; can't understand 'c'", e.getMessage());
  }
}
