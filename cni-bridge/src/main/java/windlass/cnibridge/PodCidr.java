package windlass.cnibridge;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A pod CIDR as Node.spec.podCIDR carries it ("10.244.1.0/24", "fd00:10:244:1::/64"), parsed and brought to its
 * network address (host bits cleared), so host-local gets a subnet it accepts.
 */
public record PodCidr(InetAddress network, int prefixLength) {
  public PodCidr {
    int max = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
    }
  }

  public static PodCidr parse(String cidr) {
    String s = cidr == null ? "" : cidr.trim();
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("pod CIDR \"" + cidr + "\" is not in CIDR notation (e.g. 10.244.1.0/24)");
    }
    String ip = s.substring(0, slash);
    // only IP literals: never let InetAddress resolve a host name
    if (!ip.matches("[0-9.]+") && !ip.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("pod CIDR \"" + cidr + "\": \"" + ip + "\" is not an IP address");
    }
    InetAddress addr;
    int prefix;
    try {
      addr = InetAddress.getByName(ip);
      prefix = Integer.parseInt(s.substring(slash + 1));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("pod CIDR \"" + cidr + "\" is not valid: " + e.getMessage(), e);
    }
    byte[] b = addr.getAddress();
    int bits = b.length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("pod CIDR \"" + cidr + "\": prefix length must be 0.." + bits);
    }
    BigInteger mask = bits == prefix ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    BigInteger net = new BigInteger(1, b).andNot(mask);
    byte[] raw = net.toByteArray();
    byte[] out = new byte[b.length];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    try {
      return new PodCidr(InetAddress.getByAddress(out), prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
