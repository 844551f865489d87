package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.Resource.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import windlass.client.Quantities;

/**
 * Quantities written back as upstream's Quantity.String() writes them: "500m" not "0.5", "1Gi" not "1024Mi", "2k"
 * not "2000". The format (binary or decimal SI) follows the suffix the value was written with.
 */
public final class QuantityFormat {
  private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigDecimal KI = BigDecimal.valueOf(1024);

  private QuantityFormat() {}

  public static boolean binary(String q) {
    return q.matches(".*[KMGTPE]i$");
  }

  /** The canonical string of {@code q}. */
  public static String canonical(Quantity q) {
    return format(Quantities.parse(q), binary(q.getString()));
  }

  public static Quantity of(BigDecimal value, boolean binary) {
    return Quantity.newBuilder().setString(format(value, binary)).build();
  }

  /** {@code value} in upstream's canonical form; binary SI only for whole values of at least 1024. */
  public static String format(BigDecimal value, boolean binary) {
    if (value.signum() == 0) {
      return "0";
    }
    if (binary && value.abs().compareTo(KI) >= 0 && isWhole(value)) {
      BigInteger v = value.toBigIntegerExact();
      int i = 0;
      BigInteger k = BigInteger.valueOf(1024);
      while (i < BINARY.length - 1 && v.mod(k).signum() == 0) {
        v = v.divide(k);
        i++;
      }
      return v + BINARY[i];
    }
    for (int i = DECIMAL.length - 1; i >= 0; i--) {
      BigDecimal m = value.movePointLeft(3 * (i - 3));
      if (isWhole(m)) {
        return m.toBigIntegerExact() + DECIMAL[i];
      }
    }
    return value.movePointRight(9).setScale(0, RoundingMode.CEILING).toBigInteger() + "n";
  }

  private static boolean isWhole(BigDecimal v) {
    return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
  }
}
