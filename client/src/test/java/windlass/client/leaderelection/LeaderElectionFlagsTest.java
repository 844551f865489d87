package windlass.client.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LeaderElectionFlagsTest {
  @CommandLine.Command(name = "component")
  static final class Component {
    @CommandLine.Mixin
    LeaderElectionFlags flags = new LeaderElectionFlags();
  }

  private static LeaderElectionFlags parse(String... args) {
    Component c = new Component();
    new CommandLine(c).parseArgs(args);
    return c.flags;
  }

  @Test
  void theDefaultsAreUpstreams() {
    LeaderElectionFlags f = parse();
    assertTrue(f.enabled());
    LeaderElectionConfig c = f.config("kube-scheduler");
    assertEquals("kube-system", c.namespace());
    assertEquals("kube-scheduler", c.name());
    assertEquals(Duration.ofSeconds(15), c.leaseDuration());
    assertEquals(Duration.ofSeconds(10), c.renewDeadline());
    assertEquals(Duration.ofSeconds(2), c.retryPeriod());
    assertTrue(c.identity().matches(".+_[0-9a-f-]{36}"), c.identity());
  }

  @Test
  void flagsOverrideThemAsGoDurations() {
    LeaderElectionFlags f = parse("--leader-elect=false", "--leader-elect-lease-duration=1m",
        "--leader-elect-renew-deadline=30s", "--leader-elect-retry-period=500ms",
        "--leader-elect-resource-name=other");
    assertFalse(f.enabled());
    LeaderElectionConfig c = f.config("kube-scheduler");
    assertEquals("other", c.name());
    assertEquals(Duration.ofMinutes(1), c.leaseDuration());
    assertEquals(Duration.ofMillis(500), c.retryPeriod());
  }
}
