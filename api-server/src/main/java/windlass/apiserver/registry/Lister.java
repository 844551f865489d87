package windlass.apiserver.registry;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.KeyValue;
import windlass.apiserver.storage.ListPage;
import windlass.apiserver.storage.StorageException;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectList;

/**
 * One list call: reads pages from the backend, filters them, and stops at the limit with a continue token that
 * pins the revision of the first page, so every page of a list comes from the same snapshot.
 */
final class Lister {
  private static final int MIN_READ = 100;
  private static final String EXPIRED = "The provided continue parameter is too old to display a consistent list "
      + "result. You can start a new list without the continue parameter.";

  private final Kind kind;
  private final Backend backend;
  private final Filter filter;

  Lister(Kind kind, Backend backend, Filter filter) {
    this.kind = kind;
    this.backend = backend;
    this.filter = filter;
  }

  ObjectList<Message> list(ListQuery q) {
    String prefix = Keys.prefix(kind, q.namespace());
    long revision = 0;
    String after = "";
    if (!q.continueToken().isEmpty()) {
      ContinueToken t = ContinueToken.decode(q.continueToken(), prefix);
      revision = t.revision();
      after = t.lastKey();
    }
    int limit = (int) Math.max(0, Math.min(q.limit(), Integer.MAX_VALUE - 1));
    try {
      return limit == 0 ? all(prefix, after, revision) : page(prefix, after, revision, limit);
    } catch (StorageException e) {
      if (e.reason() == StorageException.Reason.COMPACTED) {
        throw ApiException.gone(EXPIRED);
      }
      throw ApiException.internal(e.getMessage());
    }
  }

  private ObjectList<Message> all(String prefix, String after, long revision) {
    ListPage p = backend.list(prefix, after, revision, 0);
    List<Message> items = new ArrayList<>();
    for (KeyValue kv : p.items()) {
      Message m = StorageCodec.decode(kind, kv);
      if (filter.matches(m)) {
        items.add(m);
      }
    }
    return new ObjectList<>(items, Long.toString(p.revision()), "");
  }

  private ObjectList<Message> page(String prefix, String after, long revision, int limit) {
    List<Message> items = new ArrayList<>();
    String lastKey = after;
    long rev = revision;
    while (true) {
      ListPage p = backend.list(prefix, after, rev, Math.max(limit, MIN_READ));
      rev = p.revision();
      List<KeyValue> kvs = p.items();
      for (int i = 0; i < kvs.size(); i++) {
        Message m = StorageCodec.decode(kind, kvs.get(i));
        if (filter.matches(m)) {
          items.add(m);
          lastKey = kvs.get(i).key();
          if (items.size() == limit) {
            boolean more = i < kvs.size() - 1 || p.more();
            String token = more ? new ContinueToken(rev, lastKey).encode() : "";
            return new ObjectList<>(items, Long.toString(rev), token);
          }
        }
      }
      if (!p.more() || kvs.isEmpty()) {
        return new ObjectList<>(items, Long.toString(rev), "");
      }
      after = kvs.get(kvs.size() - 1).key();
    }
  }
}
