package windlass.scheduler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.scheduler.DefaultProfile;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.plugins.noderesources.ScoringStrategy;
import windlass.scheduler.plugins.volumebinding.VolumeLister;

class SchedulerConfigFileTest {
  private static final String HEAD = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

  private static List<Framework> build(String yaml) {
    var cfg = SchedulerConfigFile.parse(HEAD + yaml);
    return cfg.profiles().stream().map(DefaultProfile.builder(null, VolumeLister.NONE)::build).toList();
  }

  @Test
  void theDefaultProfileHasUpstreamsOrderAndWeights() {
    Map<String, List<String>> d = DefaultProfile.create("default-scheduler", null).describe();
    assertEquals(List.of("PrioritySort"), d.get("queueSort"));
    assertEquals(List.of("NodeAffinity", "NodeResourcesFit", "VolumeBinding", "PodTopologySpread",
        "InterPodAffinity"), d.get("preFilter"));
    assertEquals(List.of("NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodeResourcesFit",
        "VolumeBinding", "PodTopologySpread", "InterPodAffinity"), d.get("filter"));
    assertEquals(List.of("DefaultPreemption"), d.get("postFilter"));
    assertEquals(List.of("TaintToleration:3", "NodeAffinity:2", "NodeResourcesFit:1", "PodTopologySpread:2",
        "InterPodAffinity:2", "NodeResourcesBalancedAllocation:1", "ImageLocality:1"), d.get("score"));
    assertEquals(List.of("TaintToleration", "NodeAffinity", "NodeResourcesFit", "PodTopologySpread",
        "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality"), d.get("preScore"));
    assertEquals(List.of("DefaultBinder"), d.get("bind"));
  }

  @Test
  void aFileWithoutProfilesRunsTheDefaultProfile() {
    List<Framework> fs = build("");
    assertEquals(1, fs.size());
    assertEquals("default-scheduler", fs.get(0).profileName());
    assertEquals(DefaultProfile.create("x", null).describe(), fs.get(0).describe());
  }

  @Test
  void disablesAllScoresAndEnablesOneWithItsWeightAndArgs() {
    List<Framework> fs = build("""
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: bin-packing
          plugins:
            score:
              disabled:
              - name: "*"
              enabled:
              - name: NodeResourcesFit
                weight: 5
          pluginConfig:
          - name: NodeResourcesFit
            args:
              apiVersion: kubescheduler.config.k8s.io/v1
              kind: NodeResourcesFitArgs
              scoringStrategy:
                type: MostAllocated
                resources:
                - name: cpu
                  weight: 1
                - name: nvidia.com/gpu
                  weight: 3
        """);
    assertEquals(List.of("default-scheduler", "bin-packing"), fs.stream().map(Framework::profileName).toList());
    assertEquals(List.of("NodeResourcesFit:5"), fs.get(1).describe().get("score"));
    assertEquals(DefaultProfile.create("x", null).describe().get("filter"), fs.get(1).describe().get("filter"));
  }

  @Test
  void readsNodeResourcesFitArgs() {
    var args = SchedulerConfigFile.parse(HEAD + """
        profiles:
        - pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: RequestedToCapacityRatio
                resources: [{name: cpu, weight: 2}]
                requestedToCapacityRatio:
                  shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]
        """).profiles().get(0).pluginConfig().get("NodeResourcesFit");
    assertEquals(new ScoringStrategy(ScoringStrategy.Type.RequestedToCapacityRatio,
        List.of(new ScoringStrategy.ResourceWeight("cpu", 2)),
        List.of(new ScoringStrategy.ShapePoint(0, 0), new ScoringStrategy.ShapePoint(100, 10))),
        PluginRegistry.scoringStrategy(args));
  }

  @Test
  void multiPointDisableRemovesAPluginEverywhere() {
    var d = build("""
        profiles:
        - schedulerName: no-spread
          plugins:
            multiPoint:
              disabled: [{name: PodTopologySpread}]
        """).get(0).describe();
    assertEquals(List.of("NodeAffinity", "NodeResourcesFit", "VolumeBinding", "InterPodAffinity"), d.get("preFilter"));
    assertEquals(false, d.get("score").stream().anyMatch(s -> s.startsWith("PodTopologySpread")));
  }

  @Test
  void volumeBindingAndPreemptionCanBeDisabledAndReEnabledAtOnePoint() {
    var d = build("""
        profiles:
        - schedulerName: no-volumes
          plugins:
            multiPoint:
              disabled: [{name: VolumeBinding}, {name: DefaultPreemption}]
        - schedulerName: no-preemption
          plugins:
            postFilter:
              disabled: [{name: DefaultPreemption}]
        """);
    assertEquals(false, d.get(0).describe().get("filter").contains("VolumeBinding"));
    assertEquals(List.of(), d.get(0).describe().get("postFilter"));
    assertEquals(List.of(), d.get(1).describe().get("postFilter"));
    assertEquals(true, d.get(1).describe().get("filter").contains("VolumeBinding"));
  }

  @Test
  void aPluginEnabledAtOnePointComesFirstThere() {
    var d = build("""
        profiles:
        - plugins:
            filter:
              enabled: [{name: NodeResourcesFit}]
        """).get(0).describe();
    assertEquals("NodeResourcesFit", d.get("filter").get(0));
    assertEquals(1, d.get("filter").stream().filter("NodeResourcesFit"::equals).count());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("unknown plugin", """
            profiles:
            - plugins:
                filter:
                  enabled: [{name: NoSuchPlugin}]
            """, "profile default-scheduler: filter plugin \"NoSuchPlugin\" does not exist"),
        Arguments.of("unknown multiPoint plugin", """
            profiles:
            - plugins:
                multiPoint:
                  enabled: [{name: Frobnicate}]
            """, "profile default-scheduler: multiPoint plugin \"Frobnicate\" does not exist"),
        Arguments.of("plugin at a point it does not implement", """
            profiles:
            - plugins:
                filter:
                  enabled: [{name: ImageLocality}]
            """, "profile default-scheduler: plugin \"ImageLocality\" does not extend filter plugin"),
        Arguments.of("args for an unknown plugin", """
            profiles:
            - pluginConfig:
              - name: Nope
                args: {}
            """, "profile default-scheduler: pluginConfig for plugin \"Nope\": plugin \"Nope\" does not exist"),
        Arguments.of("duplicate profile names", """
            profiles:
            - schedulerName: a
            - schedulerName: a
            """, "profiles[1].schedulerName: Duplicate value: \"a\""),
        Arguments.of("a second profile without a name", """
            profiles:
            - schedulerName: a
            - plugins: {}
            """, "profiles[1].schedulerName: Required value"),
        Arguments.of("queue sort disabled", """
            profiles:
            - plugins:
                queueSort:
                  disabled: [{name: PrioritySort}]
            """, "one queue sort plugin required for profile with schedulerName \"default-scheduler\""),
        Arguments.of("unknown field", "foo: 1\n",
            "scheduler config: strict decoding error: unknown field \"foo\""),
        Arguments.of("bad scoring strategy", """
            profiles:
            - pluginConfig:
              - name: NodeResourcesFit
                args: {scoringStrategy: {type: Random}}
            """, "profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: \"Random\": supported "
                + "values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\""),
        Arguments.of("hardPodAffinityWeight out of range", """
            profiles:
            - pluginConfig:
              - name: InterPodAffinity
                args: {hardPodAffinityWeight: 200}
            """, "hardPodAffinityWeight: Invalid value: 200: not in valid range [0-100]"),
        Arguments.of("default constraints with System defaulting", """
            profiles:
            - pluginConfig:
              - name: PodTopologySpread
                args:
                  defaultConstraints:
                  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
            """, "defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty, defaultingType "
                + "can only be \"List\""),
        Arguments.of("percentage out of range", "percentageOfNodesToScore: 101\n",
            "percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejectsWithAClearError(String name, String yaml, String want) {
    var e = assertThrows(IllegalArgumentException.class, () -> build(yaml));
    assertEquals(want, e.getMessage());
  }

  @Test
  void readsListDefaultConstraints() {
    var args = SchedulerConfigFile.parse(HEAD + """
        profiles:
        - pluginConfig:
          - name: PodTopologySpread
            args:
              defaultingType: List
              defaultConstraints:
              - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}
        """).profiles().get(0).pluginConfig().get("PodTopologySpread");
    var d = PluginRegistry.spreadDefaults(args);
    assertEquals("List", d.defaultingType());
    assertEquals(2, d.constraints().get(0).getMaxSkew());
  }
}
