package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.proto.Meta;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Selectors built from an object's {@code Meta.LabelSelector}, as upstream's metav1.LabelSelectorAsSelector. */
class LabelSelectorFromProtoTest {

  static Meta.LabelSelectorRequirement expr(String key, String op, String... values) {
    return Meta.LabelSelectorRequirement.newBuilder().setKey(key).setOperator(op)
        .addAllValues(java.util.List.of(values)).build();
  }

  static Stream<Arguments> cases() {
    Meta.LabelSelector app = Meta.LabelSelector.newBuilder().putMatchLabels("app", "web").build();
    return Stream.of(
        Arguments.of("empty selector matches everything", Meta.LabelSelector.getDefaultInstance(), Map.of(), true),
        Arguments.of("matchLabels equal", app, Map.of("app", "web", "x", "y"), true),
        Arguments.of("matchLabels differs", app, Map.of("app", "db"), false),
        Arguments.of("matchLabels missing", app, Map.of(), false),
        Arguments.of("In", sel(expr("env", "In", "prod", "staging")), Map.of("env", "staging"), true),
        Arguments.of("In missing key", sel(expr("env", "In", "prod")), Map.of(), false),
        Arguments.of("NotIn other value", sel(expr("env", "NotIn", "prod")), Map.of("env", "dev"), true),
        Arguments.of("NotIn missing key", sel(expr("env", "NotIn", "prod")), Map.of(), true),
        Arguments.of("NotIn listed", sel(expr("env", "NotIn", "prod")), Map.of("env", "prod"), false),
        Arguments.of("Exists", sel(expr("canary", "Exists")), Map.of("canary", ""), true),
        Arguments.of("Exists missing", sel(expr("canary", "Exists")), Map.of(), false),
        Arguments.of("DoesNotExist", sel(expr("canary", "DoesNotExist")), Map.of(), true),
        Arguments.of("DoesNotExist present", sel(expr("canary", "DoesNotExist")), Map.of("canary", "1"), false),
        Arguments.of("all requirements ANDed", app.toBuilder().addMatchExpressions(expr("env", "In", "prod")).build(),
            Map.of("app", "web", "env", "dev"), false));
  }

  private static Meta.LabelSelector sel(Meta.LabelSelectorRequirement r) {
    return Meta.LabelSelector.newBuilder().addMatchExpressions(r).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(String name, Meta.LabelSelector selector, Map<String, String> labels, boolean want) {
    assertEquals(want, LabelSelector.fromProto(selector).matches(labels));
  }

  @Test
  void absentSelectorMatchesNothing() {
    assertEquals(false, LabelSelector.nothing().matches(Map.of()));
    assertEquals(false, LabelSelector.ofOptional(false, Meta.LabelSelector.getDefaultInstance()).matches(Map.of()));
    assertEquals(false, LabelSelector.fromProto(null).matches(Map.of()));
    assertEquals(true, LabelSelector.ofOptional(true, Meta.LabelSelector.getDefaultInstance()).isEmpty(),
        "a present empty selector selects everything");
  }

  @Test
  void rejectsMalformedRequirementsWithUpstreamWording() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromProto(sel(expr("a", "Equals", "b"))));
    assertEquals("\"Equals\" is not a valid label selector operator", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromProto(sel(expr("a", "In"))));
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromProto(sel(expr("a", "Exists", "x"))));
  }

  @Test
  void printsInTheStringFormThatParsesBack() {
    Meta.LabelSelector s = Meta.LabelSelector.newBuilder().putMatchLabels("app", "web")
        .addMatchExpressions(expr("env", "In", "prod", "dev")).addMatchExpressions(expr("canary", "DoesNotExist"))
        .build();
    assertEquals("app=web,env in (dev,prod),!canary", LabelSelector.fromProto(s).toString());
    assertEquals(LabelSelector.fromProto(s), LabelSelector.parse(LabelSelector.fromProto(s).toString()));
  }
}
