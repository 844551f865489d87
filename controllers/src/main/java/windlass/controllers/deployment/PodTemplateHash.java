package windlass.controllers.deployment;

import com.google.protobuf.CodedOutputStream;
import io.kubernetes.client.proto.V1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code pod-template-hash} label value and ReplicaSet name suffix of a pod template. As upstream: FNV-32a, then
 * the decimal digits of the hash mapped through the "safe" alphabet {@code bcdfghjklmnpqrstvwxz2456789} (so values
 * look like upstream's, e.g. {@code 7d4b9c8f5}), with collisionCount (when set) hashed in as 8 little-endian bytes.
 *
 * <p>Unlike upstream, the hashed bytes are the template's deterministic protobuf encoding, not a dump of the Go
 * struct (which cannot be reproduced outside Go): the same template always gives the same hash here, but not the
 * hash a Go controller would give.
 */
public final class PodTemplateHash {
  public static final String LABEL = "pod-template-hash";
  static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private PodTemplateHash() {}

  /** The hash of {@code template}; {@code collisionCount} is the deployment's status.collisionCount or null. */
  public static String of(V1.PodTemplateSpec template, Integer collisionCount) {
    int h = FNV_OFFSET;
    h = fnv(h, deterministicBytes(template));
    if (collisionCount != null) {
      byte[] le = new byte[8];
      int c = collisionCount;
      for (int i = 0; i < 4; i++) {
        le[i] = (byte) (c >>> (8 * i));
      }
      h = fnv(h, le);
    }
    return safeEncode(Integer.toUnsignedString(h));
  }

  static int fnv(int h, byte[] data) {
    for (byte b : data) {
      h ^= (b & 0xff);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** Upstream's rand.SafeEncodeString: each character mapped to SAFE_ALPHABET[c % 27]. */
  static String safeEncode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(SAFE_ALPHABET.charAt(s.charAt(i) % SAFE_ALPHABET.length()));
    }
    return b.toString();
  }

  private static byte[] deterministicBytes(V1.PodTemplateSpec template) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CodedOutputStream cos = CodedOutputStream.newInstance(out);
      cos.useDeterministicSerialization();
      template.writeTo(cos);
      cos.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
