package windlass.kubectl;

import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import windlass.client.WindlassClient;

/** Runs windlass kubectl in-process against a {@link FakeApiServer}, with a fixed clock and seeded randomness. */
public final class Cli {
  /** "now" of every test: one hour, 2 minutes and 3 seconds after the fake server's creation timestamp. */
  public static final Instant NOW = FakeApiServer.CREATED.plusSeconds(3723);

  private final FakeApiServer server;
  private String stdin = "";

  public Cli(FakeApiServer server) {
    this.server = server;
  }

  public Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  public record Result(int code, String out, String err) {}

  /** Runs with --server pointing at the fake server and no kubeconfig. */
  public Result run(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "--server=grpc://fake:6443";
    full[1] = "--kubeconfig=/nonexistent/kubeconfig";
    System.arraycopy(args, 0, full, 2, args.length);
    return runExactly(full);
  }

  /** Runs with exactly these arguments (any server address still reaches the fake server). */
  public Result runExactly(String... full) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment env = new Environment(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(NOW, ZoneOffset.UTC), new Random(42),
        s -> new WindlassClient(InProcessChannelBuilder.forName(server.name()).directExecutor().build(), true));
    int code = Main.run(full, env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
