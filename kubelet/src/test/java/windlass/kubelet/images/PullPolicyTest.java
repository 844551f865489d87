package windlass.kubelet.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

class PullPolicyTest {
  @Test
  void defaultsToAlwaysForLatestOrNoTagElseIfNotPresent() {
    assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("busybox"));
    assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("busybox:latest"));
    assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("localhost:5000/busybox"));
    assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("busybox:1.35"));
    assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("localhost:5000/busybox:1.35"));
    assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("busybox@sha256:abc"));
  }

  @Test
  void anExplicitPolicyWins() {
    var c = V1.Container.newBuilder().setImage("busybox:latest").setImagePullPolicy("Never").build();
    assertEquals(PullPolicy.NEVER, PullPolicy.of(c));
    assertEquals(PullPolicy.ALWAYS, PullPolicy.of(c.toBuilder().setImage("busybox:1.35").setImagePullPolicy("Always").build()));
  }

  @Test
  void decidesWhetherToPull() {
    assertTrue(PullPolicy.ALWAYS.shouldPull(true));
    assertFalse(PullPolicy.IF_NOT_PRESENT.shouldPull(true));
    assertTrue(PullPolicy.IF_NOT_PRESENT.shouldPull(false));
    assertFalse(PullPolicy.NEVER.shouldPull(false));
  }
}
