package windlass.cnibridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class BridgeConflistTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    return (Map<String, Object>) new Yaml().load(json); // JSON is YAML
  }

  @Test
  @SuppressWarnings("unchecked")
  void buildsTheBridgeAndPortmapListOfThePodCidr() {
    var c = BridgeConflist.of("10.244.1.0/24").withIpamDataDir(Path.of("/run/x/cni-ipam"));
    Map<String, Object> root = parse(c.toJson());
    assertEquals("1.0.0", root.get("cniVersion"));
    assertEquals("windlass", root.get("name"));
    List<Map<String, Object>> plugins = (List<Map<String, Object>>) root.get("plugins");
    assertEquals(2, plugins.size());
    Map<String, Object> bridge = plugins.get(0);
    assertEquals("bridge", bridge.get("type"));
    assertEquals("wlcni0", bridge.get("bridge"));
    assertEquals(true, bridge.get("isGateway"));
    assertEquals(false, bridge.get("ipMasq"));
    assertEquals(true, bridge.get("hairpinMode"));
    Map<String, Object> ipam = (Map<String, Object>) bridge.get("ipam");
    assertEquals("host-local", ipam.get("type"));
    assertEquals(List.of(List.of(Map.of("subnet", "10.244.1.0/24"))), ipam.get("ranges"));
    assertEquals(List.of(Map.of("dst", "0.0.0.0/0")), ipam.get("routes"));
    assertEquals("/run/x/cni-ipam", ipam.get("dataDir"));
    assertEquals(Map.of("type", "portmap", "capabilities", Map.of("portMappings", true)), plugins.get(1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void leavesDataDirToThePluginWhenUnsetAndTakesAnotherBridge() {
    Map<String, Object> root = parse(BridgeConflist.of("10.88.0.0/16").withBridge("wlcni1").toJson());
    var bridge = ((List<Map<String, Object>>) root.get("plugins")).get(0);
    assertEquals("wlcni1", bridge.get("bridge"));
    assertFalse(((Map<String, Object>) bridge.get("ipam")).containsKey("dataDir"));
  }

  @Test
  void clearsHostBitsOfThePodCidr() {
    assertEquals("10.244.1.0/24", PodCidr.parse("10.244.1.7/24").toString());
    assertEquals("10.88.0.0/16", PodCidr.parse(" 10.88.3.4/16 ").toString());
    assertEquals("fd00:10:244:1:0:0:0:0/64", PodCidr.parse("fd00:10:244:1::5/64").toString());
  }

  @Test
  void refusesWhatIsNotACidr() {
    assertThrows(IllegalArgumentException.class, () -> PodCidr.parse("10.244.1.0"));
    assertThrows(IllegalArgumentException.class, () -> PodCidr.parse("example.com/24"));
    assertThrows(IllegalArgumentException.class, () -> PodCidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> BridgeConflist.of("10.0.0.0/8").withBridge("a-bridge-name-too-long"));
  }

  @Test
  void escapesStrings() {
    assertEquals("\"a\\\"b\\\\c\"", BridgeConflist.str("a\"b\\c"));
  }
}
