package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of objects, and the wire form read back from it without a second encode. */
class StorageCodecTest {
  private static final List<Message> OBJECTS = List.of(
      Objects.pod("web", java.util.Map.of("app", "web")).toBuilder()
          .setMetadata(Objects.pod("web", java.util.Map.of("app", "web")).getMetadata().toBuilder()
              .setNamespace("default").setUid("u-1").putAnnotations("a", "b").setGeneration(3))
          .build(),
      Objects.namespace("team-a"),
      V1.ConfigMap.newBuilder().putData("k", "v").build(),
      V1.ConfigMap.getDefaultInstance());

  @Test
  void theWireFormFromStoredBytesParsesToTheObjectAtItsRevision() throws Exception {
    for (Message obj : OBJECTS) {
      byte[] stored = StorageCodec.encode(obj);
      Message parsed = obj.getParserForType().parseFrom(StorageCodec.wire(obj, stored, 12345));
      assertEquals(StorageCodec.withResourceVersion(obj, 12345), parsed, obj.getDescriptorForType().getName());
    }
  }

  @Test
  void storedBytesLeaveTheResourceVersionOut() throws Exception {
    V1.Namespace ns = Objects.namespace("team-a").toBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("team-a").setResourceVersion("7")).build();
    V1.Namespace back = V1.Namespace.parseFrom(StorageCodec.encode(ns));
    assertEquals("", back.getMetadata().getResourceVersion());
    assertEquals("team-a", back.getMetadata().getName());
  }
}
