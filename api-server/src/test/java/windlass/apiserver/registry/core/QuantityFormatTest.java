package windlass.apiserver.registry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Resource.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities written back in upstream's canonical form. */
class QuantityFormatTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0.5, 500m", "1000m, 1", "2000, 2k", "1500, 1500", "1024Mi, 1Gi", "1536Mi, 1536Mi", "100m, 100m",
      "0, 0", "512, 512", "1Ki, 1Ki", "1.5Gi, 1536Mi"})
  void canonicalFormIsUpstreams(String in, String out) {
    assertEquals(out, QuantityFormat.canonical(Quantity.newBuilder().setString(in).build()));
  }
}
