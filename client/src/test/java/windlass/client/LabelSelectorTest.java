package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "replicas", "3");

  @Test
  void emptySelectorMatchesEverything() {
    assertTrue(LabelSelector.parse("").matches(WEB));
    assertTrue(LabelSelector.parse("  ").isEmpty());
    assertFalse(LabelSelector.nothing().matches(Map.of()));
  }

  @Test
  void equalityOperatorsMatchAsUpstream() {
    assertTrue(LabelSelector.parse("app=web").matches(WEB));
    assertTrue(LabelSelector.parse("app==web,tier=front").matches(WEB));
    assertFalse(LabelSelector.parse("app=web,tier=back").matches(WEB));
    assertTrue(LabelSelector.parse("app!=db").matches(WEB));
    assertTrue(LabelSelector.parse("missing!=x").matches(WEB));
    assertFalse(LabelSelector.parse("app!=web").matches(WEB));
    assertTrue(LabelSelector.parse("gone=").matches(Map.of("gone", "")));
  }

  @Test
  void setOperatorsAndExistence() {
    assertTrue(LabelSelector.parse("app in (web, db)").matches(WEB));
    assertFalse(LabelSelector.parse("app notin (web,db)").matches(WEB));
    assertTrue(LabelSelector.parse("env notin (prod)").matches(WEB));
    assertTrue(LabelSelector.parse("tier").matches(WEB));
    assertTrue(LabelSelector.parse("!canary").matches(WEB));
    assertFalse(LabelSelector.parse("!app").matches(WEB));
    assertTrue(LabelSelector.parse("replicas>2,replicas<4").matches(WEB));
    assertTrue(LabelSelector.parse("mode=in").matches(Map.of("mode", "in")));
  }

  @Test
  void roundTripsThroughItsStringForm() {
    String s = "app=web,tier!=db,env in (a,b),x notin (c),y,!z";
    assertEquals(s, LabelSelector.parse(s).toString());
  }

  @Test
  void rejectsMalformedSelectorsWithUpstreamWording() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("app in web"));
    assertEquals("unable to parse requirement: found 'web', expected: (", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("app=web,"));
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("a b"));
    e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("app=we b"));
    assertTrue(e.getMessage().startsWith("unable to parse requirement"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("-bad=x"));
    assertTrue(e.getMessage().contains("name part must consist of alphanumeric characters"), e.getMessage());
  }

  @Test
  void buildsFromAnObjectsSelector() {
    Meta.LabelSelector s = Meta.LabelSelector.newBuilder().putMatchLabels("app", "web")
        .addMatchExpressions(Meta.LabelSelectorRequirement.newBuilder().setKey("tier").setOperator("In")
            .addValues("front").addValues("back"))
        .build();
    LabelSelector sel = LabelSelector.fromProto(s);
    assertTrue(sel.matches(WEB));
    assertFalse(sel.matches(Map.of("app", "web")));
    assertTrue(LabelSelector.fromProto(Meta.LabelSelector.getDefaultInstance()).matches(WEB));
  }
}
