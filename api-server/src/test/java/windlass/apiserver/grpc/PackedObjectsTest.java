package windlass.apiserver.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.Any;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

class PackedObjectsTest {
  static V1.Pod pod(String name) {
    return V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setResourceVersion("7")).build();
  }

  @Test
  void theSameObjectIsPackedOnceForEveryStream() {
    PackedObjects packed = new PackedObjects(16);
    V1.Pod p = pod("a");
    Any first = packed.pack(p);
    assertSame(first, packed.pack(p));
    assertEquals(Any.pack(p), first);
  }

  @Test
  void anEqualButDistinctObjectIsPackedAfreshAndToTheSameBytes() throws Exception {
    PackedObjects packed = new PackedObjects(16);
    Any a = packed.pack(pod("a"));
    Any b = packed.pack(pod("a"));
    assertNotSame(a, b);
    assertEquals(a, b);
    assertEquals(pod("a"), b.unpack(V1.Pod.class));
  }

  @Test
  void manyObjectsSharingOneSlotEachPackToTheirOwnBytes() throws Exception {
    PackedObjects packed = new PackedObjects(1);
    for (int i = 0; i < 50; i++) {
      V1.Pod p = pod("p" + i);
      assertEquals(p, packed.pack(p).unpack(V1.Pod.class));
      assertEquals(p, packed.pack(p).unpack(V1.Pod.class));
    }
  }
}
