package windlass.apiserver.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import windlass.client.ApiException;

/**
 * The opaque continue token of a paged list: the revision the first page was read at and the last key returned,
 * base64url-encoded. Later pages read at the same revision, so the whole list is one consistent snapshot.
 */
public record ContinueToken(long revision, String lastKey) {
  public String encode() {
    String raw = revision + "/" + lastKey;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** BadRequest with upstream's wording when the token is not one of ours. */
  public static ContinueToken decode(String token, String prefix) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int slash = raw.indexOf('/');
      long rev = Long.parseLong(raw.substring(0, slash));
      String key = raw.substring(slash + 1);
      if (rev <= 0 || !key.startsWith(prefix)) {
        throw new IllegalArgumentException("key does not belong to this list");
      }
      return new ContinueToken(rev, key);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
