package windlass.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  @Test
  void multiDocumentYamlSkipsEmptyDocuments() {
    String text = "---\napiVersion: v1\nkind: A\n---\n# only a comment\n---\n\n---\napiVersion: v1\nkind: B\n...\n";
    List<Object> docs = Manifests.parse(text);
    assertEquals(List.of(Map.of("apiVersion", "v1", "kind", "A"), Map.of("apiVersion", "v1", "kind", "B")), docs);
  }

  @Test
  void jsonIsDetectedByItsFirstCharacter() {
    assertTrue(Manifests.isJson("  \n{\"kind\":\"A\"}"));
    assertTrue(Manifests.isJson("\uFEFF[{}]"));
    assertFalse(Manifests.isJson("kind: A"));
    assertFalse(Manifests.isJson(""));
    assertEquals(List.of(Map.of("kind", "A"), Map.of("kind", "B")),
        Manifests.parse("{\"kind\":\"A\"}\n{\"kind\":\"B\"}"));
    CodecException e = assertThrows(CodecException.class, () -> Manifests.parse("{\"kind\": A}"));
    assertEquals(1, e.line());
    assertEquals(10, e.column());
  }

  @Test
  void decodesEveryObject() {
    String text = ObjectCodecTest.resource("nginx-deployment.yaml") + "---\n"
        + ObjectCodecTest.resource("service.yaml");
    List<Message> objects = Manifests.decode(text, ObjectCodecTest::resolve);
    assertEquals(2, objects.size());
    assertInstanceOf(V1Apps.Deployment.class, objects.get(0));
    assertEquals(80, ((V1.Service) objects.get(1)).getSpec().getPorts(0).getPort());
  }
}
