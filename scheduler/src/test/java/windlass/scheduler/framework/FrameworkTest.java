package windlass.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class FrameworkTest {
  private static final V1.Pod POD = MakePod.named("p").build();
  private static final NodeInfo NODE = new NodeInfo(MakeNode.named("n1").build(), List.of());

  /** A PreFilter + Filter plugin that records its filter calls; {@code skip} makes its PreFilter skip. */
  private record Recording(String name, boolean skip, Status answer, List<String> calls)
      implements PreFilterPlugin, FilterPlugin {
    @Override
    public Status preFilter(CycleState state, V1.Pod pod) {
      return skip ? Status.skip() : Status.success();
    }

    @Override
    public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
      calls.add(name);
      return answer;
    }
  }

  private static Framework.Builder builder() {
    return Framework.builder("test").bind(new DefaultBinder(null));
  }

  @Test
  void aFilterWhosePreFilterSkippedIsNotRunForAnyNodeOfTheCycle() {
    List<String> calls = new ArrayList<>();
    Recording a = new Recording("A", false, Status.success(), calls);
    Recording b = new Recording("B", true, Status.unschedulable("no"), calls);
    Recording c = new Recording("C", false, Status.success(), calls);
    Framework f = builder().preFilter(a).preFilter(b).preFilter(c).filter(a).filter(b).filter(c).build();
    CycleState state = new CycleState();
    assertEquals(Status.success(), f.runPreFilter(state, POD));
    assertEquals(Status.success(), f.runFilters(state, POD, NODE));
    assertEquals(Status.success(), f.runFilters(state, POD, NODE));
    assertEquals(List.of("A", "C", "A", "C"), calls);
  }

  @Test
  void withoutAPreFilterRunEveryFilterRunsAndTheFirstRejectionNamesItsPlugin() {
    List<String> calls = new ArrayList<>();
    Framework f = builder().filter(new Recording("A", false, Status.success(), calls))
        .filter(new Recording("B", false, Status.unresolvable("no room"), calls))
        .filter(new Recording("C", false, Status.success(), calls)).build();
    Status s = f.runFilters(new CycleState(), POD, NODE);
    assertEquals(List.of("A", "B"), calls);
    assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
    assertEquals("B", s.plugin());
    assertEquals("no room", s.message());
  }

  @Test
  void aFilterThatThrowsIsAnErrorNamingThePlugin() {
    FilterPlugin boom = new FilterPlugin() {
      @Override
      public String name() {
        return "Boom";
      }

      @Override
      public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
        throw new IllegalStateException("broken");
      }
    };
    Status s = builder().filter(boom).build().runFilters(new CycleState(), POD, NODE);
    assertEquals(Code.ERROR, s.code());
    assertEquals("Boom", s.plugin());
    assertEquals("broken", s.message());
  }

  /** Scores each node by the number in its name; normalize optionally reverses; PreScore may skip. */
  private record ByNumber(String name, boolean reverse, boolean skip) implements PreScorePlugin, ScorePlugin {
    @Override
    public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
      return skip ? Status.skip() : Status.success();
    }

    @Override
    public long score(CycleState state, V1.Pod pod, NodeInfo node) {
      return Long.parseLong(node.name().substring(1));
    }

    @Override
    public void normalize(CycleState state, V1.Pod pod, List<NodeInfo> nodes, long[] scores) {
      if (reverse) {
        ScorePlugin.defaultNormalize(scores, true);
      }
    }
  }

  @Test
  void scoresAreWeightedNormalizedPerPluginAndAlignedWithTheNodes() {
    ByNumber plain = new ByNumber("Plain", false, false);
    ByNumber reversed = new ByNumber("Reversed", true, false);
    ByNumber skipped = new ByNumber("Skipped", false, true);
    Framework f = builder().preScore(plain).preScore(reversed).preScore(skipped)
        .score(plain, 2).score(reversed, 1).score(skipped, 5).build();
    List<NodeInfo> nodes = List.of(new NodeInfo(MakeNode.named("n10").build(), List.of()),
        new NodeInfo(MakeNode.named("n40").build(), List.of()), new NodeInfo(MakeNode.named("n0").build(), List.of()));
    // plain: 10, 40, 0 (x2); reversed: 100 - 100 * s / 40 = 75, 0, 100; skipped adds nothing
    assertArrayEquals(new long[] {2 * 10 + 75, 2 * 40, 100}, f.runScore(new CycleState(), POD, nodes));
  }

  @Test
  void defaultNormalizeScalesByTheHighestScore() {
    long[] s = {0, 5, 10};
    ScorePlugin.defaultNormalize(s, false);
    assertArrayEquals(new long[] {0, 50, 100}, s);
    long[] r = {0, 5, 10};
    ScorePlugin.defaultNormalize(r, true);
    assertArrayEquals(new long[] {100, 50, 0}, r);
    long[] zeros = {0, 0};
    ScorePlugin.defaultNormalize(zeros, true);
    assertArrayEquals(new long[] {100, 100}, zeros, "all zero reversed: every node gets the maximum");
  }

  /** A PreFilter plugin with extensions that records the pods it hears of; {@code skip} makes its PreFilter skip. */
  private record Extended(String name, boolean skip, Status answer, List<String> calls)
      implements PreFilterPlugin, PreFilterExtensions {
    @Override
    public Status preFilter(CycleState state, V1.Pod pod) {
      return skip ? Status.skip() : Status.success();
    }

    @Override
    public PreFilterExtensions preFilterExtensions() {
      return this;
    }

    @Override
    public Status addPod(CycleState state, V1.Pod podToSchedule, V1.Pod podToAdd, NodeInfo nodeInfo) {
      calls.add(name + "+" + podToAdd.getMetadata().getName());
      return answer;
    }

    @Override
    public Status removePod(CycleState state, V1.Pod podToSchedule, V1.Pod podToRemove, NodeInfo nodeInfo) {
      calls.add(name + "-" + podToRemove.getMetadata().getName());
      return answer;
    }
  }

  @Test
  void preFilterExtensionsRunForThePluginsThatDidNotSkipOnly() {
    List<String> calls = new ArrayList<>();
    V1.Pod victim = MakePod.named("v").build();
    Framework f = builder().preFilter(new Extended("A", false, Status.success(), calls))
        .preFilter(new Recording("Plain", false, Status.success(), new ArrayList<>()))
        .preFilter(new Extended("B", true, Status.success(), calls)).build();
    CycleState state = new CycleState();
    f.runPreFilter(state, POD);
    assertEquals(Status.success(), f.runPreFilterExtensionRemovePod(state, POD, victim, NODE));
    assertEquals(Status.success(), f.runPreFilterExtensionAddPod(state, POD, victim, NODE));
    assertEquals(List.of("A-v", "A+v"), calls);
  }

  @Test
  void aFailingExtensionIsAnErrorNamingThePlugin() {
    Framework f = builder().preFilter(new Extended("A", false, Status.error("state is gone"), new ArrayList<>()))
        .build();
    CycleState state = new CycleState();
    f.runPreFilter(state, POD);
    Status s = f.runPreFilterExtensionRemovePod(state, POD, POD, NODE);
    assertEquals(Code.ERROR, s.code());
    assertEquals("A", s.plugin());
    assertEquals("running RemovePod on PreFilter plugin \"A\": state is gone", s.message());
  }
}
