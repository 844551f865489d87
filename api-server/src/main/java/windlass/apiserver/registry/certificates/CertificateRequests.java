package windlass.apiserver.registry.certificates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A PKCS#10 certificate request in PEM, parsed and its self-signature checked with the JDK (RSA, ECDSA, Ed25519), as
 * upstream's validateCSR does with Go's x509: {@link #check} throws {@link IllegalArgumentException} with the reason.
 */
final class CertificateRequests {
  private static final String BEGIN = "-----BEGIN ";
  private static final Map<String, String> SIGNATURES = Map.of(
      "1.2.840.113549.1.1.5", "SHA1withRSA",
      "1.2.840.113549.1.1.11", "SHA256withRSA",
      "1.2.840.113549.1.1.12", "SHA384withRSA",
      "1.2.840.113549.1.1.13", "SHA512withRSA",
      "1.2.840.10045.4.3.2", "SHA256withECDSA",
      "1.2.840.10045.4.3.3", "SHA384withECDSA",
      "1.2.840.10045.4.3.4", "SHA512withECDSA",
      "1.3.101.112", "Ed25519");
  private static final Map<String, String> KEYS = Map.of(
      "1.2.840.113549.1.1.1", "RSA", "1.2.840.10045.2.1", "EC", "1.3.101.112", "Ed25519");

  private CertificateRequests() {}

  /** Parses the first PEM block of {@code pem} as a CERTIFICATE REQUEST and verifies its signature. */
  static void check(byte[] pem) {
    byte[] der = pemBlock(new String(pem, StandardCharsets.ISO_8859_1));
    Der.Tlv csr = Der.read(der, 0, 0x30);
    if (csr.end() != der.length) {
      throw new IllegalArgumentException("x509: trailing data after certificate request");
    }
    Der.Tlv info = Der.read(der, csr.contentStart(), 0x30);
    Der.Tlv algorithm = Der.read(der, info.end(), 0x30);
    Der.Tlv signature = Der.read(der, algorithm.end(), 0x03);
    Der.Tlv version = Der.read(der, info.contentStart(), 0x02);
    Der.Tlv subject = Der.read(der, version.end(), 0x30);
    Der.Tlv spki = Der.read(der, subject.end(), 0x30);
    Der.Tlv keyAlgorithm = Der.read(der, spki.contentStart(), 0x30);
    String keyOid = Der.oid(der, Der.read(der, keyAlgorithm.contentStart(), 0x06));
    String sigOid = Der.oid(der, Der.read(der, algorithm.contentStart(), 0x06));
    String sigAlg = SIGNATURES.get(sigOid);
    String keyAlg = KEYS.get(keyOid);
    if (sigAlg == null || keyAlg == null) {
      throw new IllegalArgumentException("x509: cannot verify signature: algorithm unimplemented");
    }
    try {
      PublicKey key = KeyFactory.getInstance(keyAlg)
          .generatePublic(new X509EncodedKeySpec(Arrays.copyOfRange(der, spki.start(), spki.end())));
      Signature s = Signature.getInstance(sigAlg);
      s.initVerify(key);
      s.update(der, info.start(), info.end() - info.start());
      // a BIT STRING: the first content byte counts unused bits
      byte[] sig = Arrays.copyOfRange(der, signature.contentStart() + 1, signature.end());
      if (!s.verify(sig)) {
        throw new IllegalArgumentException(failure(keyAlg));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(failure(keyAlg));
    }
  }

  private static String failure(String keyAlg) {
    return switch (keyAlg) {
      case "RSA" -> "crypto/rsa: verification error";
      case "EC" -> "x509: ECDSA verification failure";
      default -> "x509: Ed25519 verification failure";
    };
  }

  /** The bytes of the first PEM block, which must be a CERTIFICATE REQUEST (Go's pem.Decode + type check). */
  private static byte[] pemBlock(String text) {
    int begin = text.indexOf(BEGIN);
    if (begin >= 0) {
      int typeEnd = text.indexOf("-----", begin + BEGIN.length());
      int bodyStart = typeEnd < 0 ? -1 : text.indexOf('\n', typeEnd);
      if (bodyStart >= 0) {
        String type = text.substring(begin + BEGIN.length(), typeEnd);
        int end = text.indexOf("-----END " + type + "-----", bodyStart);
        if (end >= 0) {
          if (!type.equals("CERTIFICATE REQUEST")) {
            throw new IllegalArgumentException("PEM block type must be CERTIFICATE REQUEST");
          }
          try {
            return Base64.getMimeDecoder().decode(text.substring(bodyStart + 1, end).strip());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block type must be CERTIFICATE REQUEST");
          }
        }
      }
    }
    throw new IllegalArgumentException("PEM block type must be CERTIFICATE REQUEST");
  }
}
