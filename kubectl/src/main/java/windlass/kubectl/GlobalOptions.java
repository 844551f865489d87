package windlass.kubectl;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** upstream kubectl's global flags that windlass honours; every subcommand accepts them. */
public final class GlobalOptions {
  @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", scope = ScopeType.INHERIT, description = "The kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT,
      description = "If present, the namespace scope for this CLI request.")
  String namespace;

  @Option(names = {"-s", "--server"}, scope = ScopeType.INHERIT,
      description = "The address of the windlass apiserver, e.g. grpc://127.0.0.1:6443.")
  String server;

  @Option(names = {"-h", "--help"}, scope = ScopeType.INHERIT, usageHelp = true, description = "Help for the command.")
  boolean help;

  @Option(names = {"-v", "--v"}, scope = ScopeType.INHERIT, paramLabel = "LEVEL", hidden = true,
      description = "Log level (accepted, not used yet).")
  int verbosity;
}
