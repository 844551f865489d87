package windlass.crishim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CriEndpointTest {
  @Test
  void parsesTheUpstreamUnixForm() {
    CriEndpoint e = CriEndpoint.parse("unix:///run/containerd/containerd.sock");
    assertEquals(Path.of("/run/containerd/containerd.sock"), e.socket());
    assertEquals("unix:///run/containerd/containerd.sock", e.target());
  }

  @Test
  void acceptsABareAbsolutePath() {
    assertEquals(Path.of("/run/x.sock"), CriEndpoint.parse("/run/x.sock").socket());
  }

  @Test
  void emptyMeansContainerdsDefaultSocket() {
    assertEquals(CriEndpoint.DEFAULT, CriEndpoint.parse("").target());
  }

  @Test
  void refusesTcpAndRelativePathsNamingTheAcceptedForm() {
    var e = assertThrows(IllegalArgumentException.class, () -> CriEndpoint.parse("tcp://127.0.0.1:1234"));
    assertTrue(e.getMessage().contains("unix:///"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CriEndpoint.parse("unix://run/x.sock"));
  }
}
