package windlass.apiserver.registry.certificates;

/** Just enough DER to walk a PKCS#10 request: tag-length-value headers and object identifiers. */
final class Der {
  /** One element: where its header starts, where its content starts, where it ends. */
  record Tlv(int start, int contentStart, int end) {}

  private Der() {}

  /** The element at {@code at}, which must carry {@code tag}. */
  static Tlv read(byte[] b, int at, int tag) {
    if (at + 2 > b.length) {
      throw new IllegalArgumentException("asn1: syntax error: data truncated");
    }
    if ((b[at] & 0xff) != tag) {
      throw new IllegalArgumentException("asn1: structure error: tags don't match");
    }
    int len = b[at + 1] & 0xff;
    int content = at + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 4 || content + n > b.length) {
        throw new IllegalArgumentException("asn1: syntax error: data truncated");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[content + i] & 0xff);
      }
      content += n;
    }
    if (len < 0 || content + len > b.length) {
      throw new IllegalArgumentException("asn1: syntax error: data truncated");
    }
    return new Tlv(at, content, content + len);
  }

  static String oid(byte[] b, Tlv t) {
    StringBuilder s = new StringBuilder();
    long v = 0;
    boolean first = true;
    for (int i = t.contentStart(); i < t.end(); i++) {
      v = (v << 7) | (b[i] & 0x7f);
      if ((b[i] & 0x80) == 0) {
        if (first) {
          long x = v < 80 ? v / 40 : 2;
          s.append(x).append('.').append(v - 40 * x);
          first = false;
        } else {
          s.append('.').append(v);
        }
        v = 0;
      }
    }
    return s.toString();
  }
}
