package windlass.scheduler.plugins.defaultbinder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;
import windlass.client.Kinds;
import windlass.client.testing.FakeApiServer;
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.Status;
import windlass.scheduler.testing.MakePod;

class DefaultBinderTest {

  @Test
  void bindsThePodThroughTheBindingSubresource() {
    try (FakeApiServer server = new FakeApiServer()) {
      V1.Pod pod = server.client().pods("default").create(MakePod.named("web-1").build());
      Status s = new DefaultBinder(server.client()).bind(null, pod, "node1");
      assertEquals(Code.SUCCESS, s.code());
      V1.Pod bound = server.<V1.Pod>object(Kinds.POD, "default", "web-1").orElseThrow();
      assertEquals("node1", bound.getSpec().getNodeName());
      assertEquals(1, server.actions("binding", Kinds.POD).size());

      Status again = new DefaultBinder(server.client()).bind(null, pod, "node2");
      assertEquals(Code.ERROR, again.code());
      assertEquals("Operation cannot be fulfilled on pods/binding \"web-1\": pod web-1 is already assigned to node "
          + "\"node1\"", again.message());
    }
  }
}
