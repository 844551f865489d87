package windlass.kubectl;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import windlass.client.WindlassClient;

/**
 * Everything kubectl takes from the world, as values: its streams, the clock AGE columns count from, the randomness
 * of generated names, and how it reaches an apiserver. Tests pass an in-process server and a fixed clock.
 *
 * @param connector opens a client for a server address from the kubeconfig or --server ("grpc://host:port")
 */
public record Environment(
    PrintStream out,
    PrintStream err,
    InputStream in,
    Clock clock,
    RandomGenerator random,
    Function<String, WindlassClient> connector) {

  public static Environment system(PrintStream out, PrintStream err) {
    return new Environment(out, err, System.in, Clock.systemUTC(), new java.security.SecureRandom(),
        WindlassClient::connect);
  }
}
