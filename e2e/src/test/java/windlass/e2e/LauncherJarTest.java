package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.WindlassClient;

/**
 * The launcher jar as users run it ({@code java -jar dist/target/windlass.jar apiserver ...}, what {@code ./windlass}
 * does): a dependency missing from the shaded jar, which the other tests' Maven class path would hide, fails here.
 * Needs the jar, so it runs with the e2e tests under {@code mvn verify} (scripts/test), after dist is packaged.
 */
@Tag("e2e")
class LauncherJarTest {
  private static final Pattern LISTENING = Pattern.compile("apiserver listening on (\\S+:\\d+) ");

  @TempDir
  Path dir;

  @Test
  void theApiserverFromTheLauncherJarServesACreateAndAGet() throws Exception {
    Path jar = Path.of("..", "dist", "target", "windlass.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build it with `mvn -pl dist -am package` "
        + "(scripts/test runs `mvn verify`, which packages dist before the e2e tests)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-jar", jar.toString(), "apiserver",
        "--data-dir", dir.toString(), "--listen", "127.0.0.1:0").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String address = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        seen.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          address = m.group(1);
          break;
        }
      }
      assertTrue(address != null, "the apiserver from the jar did not start; it printed:\n" + seen);
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "launcher-out");
      drain.setDaemon(true);
      drain.start();
      try (WindlassClient c = WindlassClient.connect(address)) {
        c.namespaces().create(V1.Namespace.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("from-the-jar")).build());
        assertEquals("from-the-jar", c.namespaces().get("from-the-jar").getMetadata().getName());
      }
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
