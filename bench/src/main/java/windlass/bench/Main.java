package windlass.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scripts/bench <name> [FLAGS]}: each benchmark is a subcommand that prints its figures (and the peer's,
 * measured in the same run) as a table, and writes them as JSON when asked. Benchmarks never fail on a time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {
    ApiCreateBench.class,
    SchedulerPerfBench.class,
    StorageBench.class,
    WatchFanoutBench.class,
    },
    description = "windlass benchmarks: figures side by side with a peer measured in the same run")
public final class Main implements Callable<Integer> {
  public static void main(String[] args) {
    System.setProperty("com.google.protobuf.use_unsafe_pre22_gencode", "true");
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"); // see windlass.dist.Main
    System.setProperty("slf4j.internal.verbosity", "WARN");
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }
}
