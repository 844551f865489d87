package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({
      "100m, 100, 1",
      "1, 1000, 1",
      "1.5, 1500, 2",
      "2, 2000, 2",
      "512Mi, 536870912000, 536870912",
      "1Gi, 1073741824000, 1073741824",
      "2G, 2000000000000, 2000000000",
      "1k, 1000000, 1000",
      "1e3, 1000000, 1000",
      "0.1, 100, 1",
      "250u, 1, 1",
      "0, 0, 0",
  })
  void readsUpstreamQuantities(String q, long milli, long value) {
    assertEquals(milli, Quantities.milliValue(Quantities.of(q)));
    assertEquals(value, Quantities.value(Quantities.of(q)));
  }

  @ParameterizedTest
  @CsvSource({"abc", "1Qi", "''", "1.2.3", "m"})
  void rejectsMalformedQuantities(String q) {
    assertThrows(IllegalArgumentException.class, () -> Quantities.parse(q));
  }
}
