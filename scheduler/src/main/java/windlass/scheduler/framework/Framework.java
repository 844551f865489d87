package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scheduling profile: the plugins enabled at each extension point, in order, and the weights of score plugins.
 * Runs them as upstream's frameworkImpl does; every returned Status names the plugin that decided it.
 */
public final class Framework {
  private static final CycleState.Key<ActiveFilters> ACTIVE =
      new CycleState.Key<>("framework/active-filters", ActiveFilters.class);

  /** The PreFilter plugins that skipped this cycle, and the Filter plugins left to run, in order. */
  private record ActiveFilters(Set<String> skipped, FilterPlugin[] filters) {}

  /** A score plugin and its weight. */
  public record WeightedScore(ScorePlugin plugin, int weight) {}

  private final String profileName;
  private final List<PreFilterPlugin> preFilters;
  private final List<FilterPlugin> filters;
  private final List<PostFilterPlugin> postFilters;
  private final List<WeightedScore> scores;
  private final List<PreScorePlugin> preScores;
  private final List<ReservePlugin> reserves;
  private final List<PermitPlugin> permits;
  private final List<BindPlugin> binders;
  private final QueueSortPlugin queueSort;
  /** Every filter, for cycles whose state holds no PreFilter result (a plugin test calling runFilters alone). */
  private final ActiveFilters allFilters;
  /** The PreFilter plugins with extensions, and their extensions (index-aligned); used by preemption only. */
  private final PreFilterPlugin[] extended;
  private final PreFilterExtensions[] extensions;

  private Framework(Builder b) {
    this.profileName = b.profileName;
    this.preFilters = List.copyOf(b.preFilters);
    this.filters = List.copyOf(b.filters);
    this.postFilters = List.copyOf(b.postFilters);
    this.scores = List.copyOf(b.scores);
    this.preScores = List.copyOf(b.preScores);
    this.reserves = List.copyOf(b.reserves);
    this.permits = List.copyOf(b.permits);
    this.binders = List.copyOf(b.binders);
    this.queueSort = b.queueSort;
    this.allFilters = new ActiveFilters(Set.of(), filters.toArray(new FilterPlugin[0]));
    List<PreFilterPlugin> withExt = new ArrayList<>();
    List<PreFilterExtensions> ext = new ArrayList<>();
    for (PreFilterPlugin p : preFilters) {
      PreFilterExtensions e = p.preFilterExtensions();
      if (e != null) {
        withExt.add(p);
        ext.add(e);
      }
    }
    this.extended = withExt.toArray(new PreFilterPlugin[0]);
    this.extensions = ext.toArray(new PreFilterExtensions[0]);
    if (binders.isEmpty()) {
      throw new IllegalArgumentException("profile " + profileName + " has no Bind plugin");
    }
  }

  public static Builder builder(String profileName) {
    return new Builder(profileName);
  }

  /** The schedulerName pods use to pick this profile ("default-scheduler"). */
  public String profileName() {
    return profileName;
  }

  /** The profile's QueueSort plugin, if it names one (the scheduler then uses PrioritySort). */
  public Optional<QueueSortPlugin> queueSort() {
    return Optional.ofNullable(queueSort);
  }

  /**
   * The plugins at each extension point, in order, by name ("NodeResourcesFit"; score plugins with their weight,
   * "NodeResourcesFit:1"): for tests and for logging the profile at startup.
   */
  public Map<String, List<String>> describe() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("queueSort", queueSort == null ? List.of() : List.of(queueSort.name()));
    out.put("preFilter", preFilters.stream().map(Plugin::name).toList());
    out.put("filter", filters.stream().map(Plugin::name).toList());
    out.put("postFilter", postFilters.stream().map(Plugin::name).toList());
    out.put("preScore", preScores.stream().map(Plugin::name).toList());
    out.put("score", scores.stream().map(w -> w.plugin().name() + ":" + w.weight()).toList());
    out.put("reserve", reserves.stream().map(Plugin::name).toList());
    out.put("permit", permits.stream().map(Plugin::name).toList());
    out.put("bind", binders.stream().map(Plugin::name).toList());
    return out;
  }

  /** Runs PreFilter plugins; the first that does not succeed (or skip) decides. */
  public Status runPreFilter(CycleState state, V1.Pod pod) {
    Set<String> skipped = new HashSet<>();
    for (PreFilterPlugin p : preFilters) {
      Status s = call(p, () -> p.preFilter(state, pod));
      if (s.isSkip()) {
        skipped.add(p.name());
      } else if (!s.isSuccess()) {
        return s;
      }
    }
    state.write(ACTIVE, active(skipped));
    return Status.success();
  }

  /** The filters not skipped by their PreFilter, computed once per cycle rather than per node. */
  private ActiveFilters active(Set<String> skipped) {
    if (skipped.isEmpty()) {
      return allFilters;
    }
    List<FilterPlugin> run = new ArrayList<>(filters.size());
    for (FilterPlugin p : filters) {
      if (!skipped.contains(p.name())) {
        run.add(p);
      }
    }
    return new ActiveFilters(Set.copyOf(skipped), run.toArray(new FilterPlugin[0]));
  }

  /** Runs Filter plugins on one node; the first rejection (or error) is the node's status. */
  public Status runFilters(CycleState state, V1.Pod pod, NodeInfo node) {
    ActiveFilters active = state.get(ACTIVE);
    FilterPlugin[] run = active == null ? allFilters.filters() : active.filters();
    for (FilterPlugin p : run) {
      Status s;
      try {
        s = p.filter(state, pod, node);
      } catch (RuntimeException e) {
        return Status.error(e).withPlugin(p.name());
      }
      if (!s.isSuccess()) {
        return s.withPlugin(p.name());
      }
    }
    return Status.success();
  }

  /**
   * Upstream's RunFilterPluginsWithNominatedPods, with the pods nominated to {@code node} taken from the cycle's
   * {@link PodNominator} (none when the cycle has none).
   */
  public Status runFiltersWithNominatedPods(CycleState state, V1.Pod pod, NodeInfo node) {
    PodNominator nominator = state.get(PodNominator.KEY);
    List<V1.Pod> nominated = nominator == null ? null : nominator.nominatedPodsByNode().get(node.name());
    return nominated == null ? runFilters(state, pod, node) : runFiltersWithNominatedPods(state, pod, node, nominated);
  }

  /**
   * Upstream's RunFilterPluginsWithNominatedPods: the pods in {@code nominated} (those nominated to {@code node})
   * whose priority is at least {@code pod}'s, other than {@code pod} itself, are put on a copy of the node and told to
   * the PreFilter extensions on a copy of the state, and the filters run on those: a pod must not take room promised
   * to a pod it would yield to. If that passes and any pod was added, the filters run again on the node as it is
   * (filters such as pod affinity may pass only with the nominated pods, which may yet go elsewhere); both must pass.
   * The status is the failing pass's; an extension's failure is an error.
   */
  public Status runFiltersWithNominatedPods(CycleState state, V1.Pod pod, NodeInfo node, List<V1.Pod> nominated) {
    int priority = PodPriority.of(pod);
    String uid = pod.getMetadata().getUid();
    CycleState withNominated = null;
    List<V1.Pod> pods = null;
    NodeInfo whatIf = node;
    for (V1.Pod p : nominated) {
      if (PodPriority.of(p) < priority || p.getMetadata().getUid().equals(uid)) {
        continue;
      }
      if (withNominated == null) {
        withNominated = state.copy();
        pods = new ArrayList<>(node.pods());
      }
      pods.add(p);
      whatIf = NodeInfo.of(node.node(), pods, node);
      Status s = runPreFilterExtensionAddPod(withNominated, pod, p, whatIf);
      if (!s.isSuccess()) {
        return s;
      }
    }
    if (withNominated == null) {
      return runFilters(state, pod, node);
    }
    Status first = runFilters(withNominated, pod, whatIf);
    if (!first.isSuccess()) {
      return first;
    }
    return runFilters(state, pod, node);
  }

  /**
   * Upstream's RunPreFilterExtensionAddPod: tells the PreFilter plugins with extensions (and not skipped this cycle)
   * that a preemption dry run put {@code podToAdd} back on {@code nodeInfo}; the first failure decides.
   */
  public Status runPreFilterExtensionAddPod(CycleState state, V1.Pod podToSchedule, V1.Pod podToAdd,
      NodeInfo nodeInfo) {
    return runExtensions(state, true, podToSchedule, podToAdd, nodeInfo);
  }

  /** Upstream's RunPreFilterExtensionRemovePod: as {@link #runPreFilterExtensionAddPod}, for a pod taken off. */
  public Status runPreFilterExtensionRemovePod(CycleState state, V1.Pod podToSchedule, V1.Pod podToRemove,
      NodeInfo nodeInfo) {
    return runExtensions(state, false, podToSchedule, podToRemove, nodeInfo);
  }

  private Status runExtensions(CycleState state, boolean add, V1.Pod podToSchedule, V1.Pod pod, NodeInfo nodeInfo) {
    ActiveFilters active = state.get(ACTIVE);
    for (int i = 0; i < extensions.length; i++) {
      PreFilterPlugin p = extended[i];
      if (active != null && active.skipped().contains(p.name())) {
        continue;
      }
      PreFilterExtensions e = extensions[i];
      Status s = call(p, () -> add ? e.addPod(state, podToSchedule, pod, nodeInfo)
          : e.removePod(state, podToSchedule, pod, nodeInfo));
      if (!s.isSuccess()) {
        return new Status(Code.ERROR, List.of("running " + (add ? "AddPod" : "RemovePod") + " on PreFilter plugin \""
            + p.name() + "\": " + s.message()), p.name(), s.error());
      }
    }
    return Status.success();
  }

  public boolean hasPostFilterPlugins() {
    return !postFilters.isEmpty();
  }

  /**
   * Runs PostFilter plugins with a {@link PostFilterPlugin.Handle} on {@code nodes} (the cycle's snapshot) and this
   * profile's filters left in {@code state}.
   */
  public Optional<PostFilterPlugin.Result> runPostFilter(CycleState state, V1.Pod pod,
      Map<String, Status> nodeStatuses, List<NodeInfo> nodes) {
    List<NodeInfo> snapshot = List.copyOf(nodes);
    state.write(PostFilterPlugin.HANDLE, new PostFilterPlugin.Handle() {
      @Override
      public List<NodeInfo> nodes() {
        return snapshot;
      }

      @Override
      public Status runFilters(CycleState s, V1.Pod p, NodeInfo node) {
        return Framework.this.runFiltersWithNominatedPods(s, p, node);
      }

      @Override
      public List<V1.Pod> nominatedPodsForNode(String nodeName) {
        PodNominator nominator = state.get(PodNominator.KEY);
        return nominator == null ? List.of() : nominator.nominatedPodsForNode(nodeName);
      }

      @Override
      public Status runPreFilterExtensionAddPod(CycleState s, V1.Pod p, V1.Pod podToAdd, NodeInfo node) {
        return Framework.this.runPreFilterExtensionAddPod(s, p, podToAdd, node);
      }

      @Override
      public Status runPreFilterExtensionRemovePod(CycleState s, V1.Pod p, V1.Pod podToRemove, NodeInfo node) {
        return Framework.this.runPreFilterExtensionRemovePod(s, p, podToRemove, node);
      }
    });
    return runPostFilter(state, pod, nodeStatuses);
  }

  /**
   * Runs PostFilter plugins after every node was rejected: the first that succeeds wins; otherwise the result holds
   * the last plugin's rejection, whose message goes into the FitError.
   */
  public Optional<PostFilterPlugin.Result> runPostFilter(CycleState state, V1.Pod pod,
      Map<String, Status> nodeStatuses) {
    PostFilterPlugin.Result last = null;
    for (PostFilterPlugin p : postFilters) {
      PostFilterPlugin.Result r;
      try {
        r = p.postFilter(state, pod, nodeStatuses);
      } catch (RuntimeException e) {
        r = new PostFilterPlugin.Result(Status.error(e), "");
      }
      r = new PostFilterPlugin.Result(r.status().withPlugin(p.name()), r.nominatedNodeName());
      if (r.status().isSuccess() || r.status().code() == Code.ERROR) {
        return Optional.of(r);
      }
      last = r;
    }
    return Optional.ofNullable(last);
  }

  /**
   * Scores every node with every score plugin, normalizes per plugin, and returns each node's weighted total, in
   * the order of {@code nodes} (upstream's NodeScoreList is likewise a slice aligned with the nodes).
   */
  public long[] runScore(CycleState state, V1.Pod pod, List<NodeInfo> nodes) {
    int n = nodes.size();
    long[] total = new long[n];
    Set<String> skippedScores = runPreScore(state, pod, nodes);
    long[] raw = new long[n];
    for (WeightedScore ws : scores) {
      ScorePlugin plugin = ws.plugin();
      if (!skippedScores.isEmpty() && skippedScores.contains(plugin.name())) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        raw[i] = plugin.score(state, pod, nodes.get(i));
      }
      plugin.normalize(state, pod, nodes, raw);
      long weight = ws.weight();
      for (int i = 0; i < n; i++) {
        long s = raw[i];
        if (s < 0 || s > ScorePlugin.MAX_NODE_SCORE) {
          throw new IllegalStateException("plugin " + plugin.name() + " returned an invalid score " + s
              + " for node " + nodes.get(i).name() + ": scores must be in [0, " + ScorePlugin.MAX_NODE_SCORE + "]");
        }
        total[i] += s * weight;
      }
    }
    return total;
  }

  /**
   * Runs PreScore plugins; returns the names of those that skipped. A plugin error fails the cycle (as upstream's
   * RunPreScorePlugins).
   */
  private Set<String> runPreScore(CycleState state, V1.Pod pod, List<NodeInfo> nodes) {
    Set<String> skipped = null;
    for (PreScorePlugin p : preScores) {
      Status s = call(p, () -> p.preScore(state, pod, nodes));
      if (s.isSkip()) {
        if (skipped == null) {
          skipped = new HashSet<>();
        }
        skipped.add(p.name());
      } else if (!s.isSuccess()) {
        throw new IllegalStateException("running PreScore plugin \"" + p.name() + "\": " + s.message(), s.error());
      }
    }
    return skipped == null ? Set.of() : skipped;
  }

  /** Runs Reserve plugins; on failure the caller must run {@link #runUnreserve}. */
  public Status runReserve(CycleState state, V1.Pod pod, String nodeName) {
    for (ReservePlugin p : reserves) {
      Status s = call(p, () -> p.reserve(state, pod, nodeName));
      if (!s.isSuccess()) {
        return s;
      }
    }
    return Status.success();
  }

  /** Runs every Reserve plugin's unreserve, in reverse order. */
  public void runUnreserve(CycleState state, V1.Pod pod, String nodeName) {
    for (int i = reserves.size() - 1; i >= 0; i--) {
      try {
        reserves.get(i).unreserve(state, pod, nodeName);
      } catch (RuntimeException e) {
        System.getLogger(Framework.class.getName()).log(System.Logger.Level.ERROR,
            "unreserve of plugin " + reserves.get(i).name() + " failed", e);
      }
    }
  }

  /** Runs Permit plugins. Waiting is not supported yet: a WAIT answer becomes an error naming the plugin. */
  public Status runPermit(CycleState state, V1.Pod pod, String nodeName) {
    for (PermitPlugin p : permits) {
      PermitPlugin.Result r;
      try {
        r = p.permit(state, pod, nodeName);
      } catch (RuntimeException e) {
        return Status.error(e).withPlugin(p.name());
      }
      Status s = r.status();
      if (s.code() == Code.WAIT) {
        return Status.error("permit plugin " + p.name() + " asked the pod to wait, which this scheduler does not "
            + "support yet").withPlugin(p.name());
      }
      if (!s.isSuccess()) {
        return s.withPlugin(p.name());
      }
    }
    return Status.success();
  }

  /** Runs binders in order until one does not skip. */
  public Status runBind(CycleState state, V1.Pod pod, String nodeName) {
    for (BindPlugin p : binders) {
      Status s = call(p, () -> p.bind(state, pod, nodeName));
      if (!s.isSkip()) {
        return s;
      }
    }
    return Status.error("every bind plugin skipped pod " + pod.getMetadata().getNamespace() + "/"
        + pod.getMetadata().getName());
  }

  private static Status call(Plugin p, java.util.function.Supplier<Status> f) {
    try {
      Status s = f.get();
      // Success needs no plugin name; not copying it keeps the per-node filter loop allocation-free.
      return s.isSuccess() ? s : s.withPlugin(p.name());
    } catch (RuntimeException e) {
      return Status.error(e).withPlugin(p.name());
    }
  }

  /** Collects plugins per extension point; a plugin implementing several points is added to each explicitly. */
  public static final class Builder {
    private final String profileName;
    private final List<PreFilterPlugin> preFilters = new ArrayList<>();
    private final List<FilterPlugin> filters = new ArrayList<>();
    private final List<PostFilterPlugin> postFilters = new ArrayList<>();
    private final List<WeightedScore> scores = new ArrayList<>();
    private final List<PreScorePlugin> preScores = new ArrayList<>();
    private final List<ReservePlugin> reserves = new ArrayList<>();
    private final List<PermitPlugin> permits = new ArrayList<>();
    private final List<BindPlugin> binders = new ArrayList<>();
    private QueueSortPlugin queueSort;

    private Builder(String profileName) {
      this.profileName = profileName;
    }

    public Builder queueSort(QueueSortPlugin p) {
      queueSort = p;
      return this;
    }

    public Builder preFilter(PreFilterPlugin p) {
      preFilters.add(p);
      return this;
    }

    public Builder filter(FilterPlugin p) {
      filters.add(p);
      return this;
    }

    public Builder postFilter(PostFilterPlugin p) {
      postFilters.add(p);
      return this;
    }

    public Builder preScore(PreScorePlugin p) {
      preScores.add(p);
      return this;
    }

    public Builder score(ScorePlugin p, int weight) {
      scores.add(new WeightedScore(p, weight));
      return this;
    }

    public Builder reserve(ReservePlugin p) {
      reserves.add(p);
      return this;
    }

    public Builder permit(PermitPlugin p) {
      permits.add(p);
      return this;
    }

    public Builder bind(BindPlugin p) {
      binders.add(p);
      return this;
    }

    public Framework build() {
      return new Framework(this);
    }
  }
}
