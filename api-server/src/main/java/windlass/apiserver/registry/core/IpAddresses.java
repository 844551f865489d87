package windlass.apiserver.registry.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** upstream IsValidIP: a dotted IPv4 address or an IPv6 address, checked without name resolution. */
final class IpAddresses {
  static final String INVALID = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
  private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private IpAddresses() {}

  static boolean isValid(String ip) {
    if (V4.matcher(ip).matches()) {
      return true;
    }
    if (!ip.contains(":") || !V6_CHARS.matcher(ip).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(ip); // literal only: the pattern rules out host names
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
