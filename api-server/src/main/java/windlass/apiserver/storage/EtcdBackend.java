package windlass.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The etcd v3 backend, as upstream's etcd3 store uses etcd: the backend's revision is etcd's revision, a create is a
 * transaction {@code createRevision(key) == 0 -> put}, an update or delete {@code modRevision(key) == expected ->
 * put/delete} (or {@code version(key) > 0} when any revision will do), lists are ranges at a revision, watches are
 * etcd watches with previous values from the revision after the caller's. The compacted revision is recorded, as
 * upstream does, in the key {@code compact_rev_key} (outside {@code /registry/}).
 */
public final class EtcdBackend implements Backend {
  /** Where the compacted revision is recorded: upstream's key, so both see the same compaction. */
  static final String COMPACT_KEY = "compact_rev_key";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)");

  private final Client client;
  private final KV kv;
  private final String description;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean progressRequests;
  private volatile boolean closed;

  EtcdBackend(Client client, String description) { // package-private: EtcdWatchTest builds one without connecting
    this.client = client;
    this.kv = client.getKVClient();
    this.description = description;
  }

  /** Connects to {@code endpoints} (http:// or https://); {@code tls} may be null for plaintext. */
  public static EtcdBackend connect(List<URI> endpoints, EtcdTls tls) {
    ClientBuilder b = Client.builder().endpoints(endpoints).connectTimeout(Duration.ofSeconds(10))
        .retryMaxDuration(Duration.ofSeconds(20));
    if (tls != null) {
      try {
        b.sslContext(ssl -> {
          if (tls.caFile() != null) {
            ssl.trustManager(tls.caFile().toFile());
          }
          if (tls.certFile() != null) {
            ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
          }
        });
      } catch (javax.net.ssl.SSLException e) {
        throw new StorageException("etcd TLS setup failed: " + e.getMessage(), e);
      }
    }
    EtcdBackend backend = new EtcdBackend(b.build(), "etcd " + endpoints);
    backend.currentRevision(); // fail fast when no member answers
    backend.progressRequests = backend.membersOrderProgress(endpoints);
    return backend;
  }

  /**
   * Whether every member at {@code endpoints} answers a watch progress request only after the events it covers, as
   * upstream's apiserver checks before it serves consistent reads from its watch cache. Before etcd 3.4.31 and
   * 3.5.13 a requested progress notification could overtake events still queued on the stream (etcd-io/etcd#15220),
   * so a watch that trusted it would skip them. A member that does not say its version counts as one of those.
   */
  private boolean membersOrderProgress(List<URI> endpoints) {
    List<String> old = new ArrayList<>();
    for (URI endpoint : endpoints) {
      String version;
      try {
        version = client.getMaintenanceClient().statusMember(endpoint.toString()).get(5, TimeUnit.SECONDS)
            .getVersion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        version = "unknown";
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        version = "unknown";
      }
      if (!ordersProgress(version)) {
        old.add(endpoint + " (" + version + ")");
      }
    }
    if (!old.isEmpty()) {
      System.getLogger(EtcdBackend.class.getName()).log(System.Logger.Level.WARNING, "etcd " + String.join(", ", old)
          + " may send a requested watch progress notification before events it covers (etcd-io/etcd#15220, "
          + "fixed in 3.4.31 and 3.5.13): this apiserver does not request progress from etcd, so consistent reads go "
          + "to etcd and watch bookmarks come from the watch cache");
    }
    return old.isEmpty();
  }

  /** Whether an etcd of {@code version} ("3.4.23") sends requested progress in order with events. */
  static boolean ordersProgress(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    int patch = Integer.parseInt(m.group(3));
    if (major != 3) {
      return major > 3;
    }
    return minor >= 6 || minor == 5 && patch >= 13 || minor == 4 && patch >= 31;
  }

  /**
   * Whether this backend's watches answer {@link BackendWatch#requestProgress}: every member runs an etcd that orders
   * progress notifications with events (see {@link #ordersProgress}).
   */
  public boolean progressRequests() {
    return progressRequests;
  }

  @Override
  public String toString() {
    return description;
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, UTF_8);
  }

  private static KeyValue toKv(io.etcd.jetcd.KeyValue e) {
    return new KeyValue(e.getKey().toString(UTF_8), e.getValue().getBytes(), e.getCreateRevision(),
        e.getModRevision());
  }

  // ---- writes ----

  @Override
  public long create(String key, byte[] value) {
    ByteSequence k = bytes(key);
    TxnResponse r = await(kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT)).commit(), key);
    if (!r.isSucceeded()) {
      throw new StorageException(StorageException.Reason.KEY_EXISTS, key, 0, "key exists: " + key);
    }
    return r.getHeader().getRevision();
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    ByteSequence k = bytes(key);
    TxnResponse r = await(kv.txn().If(precondition(k, expectedRevision))
        .Then(Op.put(k, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
        .Else(Op.get(k, GetOption.DEFAULT)).commit(), key);
    if (!r.isSucceeded()) {
      throw failedPrecondition(key, expectedRevision, r);
    }
    return r.getHeader().getRevision();
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    ByteSequence k = bytes(key);
    TxnResponse r = await(kv.txn().If(precondition(k, expectedRevision))
        .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
        .Else(Op.get(k, GetOption.DEFAULT)).commit(), key);
    if (!r.isSucceeded()) {
      throw failedPrecondition(key, expectedRevision, r);
    }
    List<io.etcd.jetcd.KeyValue> prev = r.getDeleteResponses().get(0).getPrevKvs();
    if (prev.isEmpty()) { // deleted by someone else between compare and delete: cannot happen inside a txn
      throw new StorageException(StorageException.Reason.NOT_FOUND, key, 0, "key not found: " + key);
    }
    KeyValue last = toKv(prev.get(0));
    return new KeyValue(key, last.value(), last.createRevision(), r.getHeader().getRevision());
  }

  private static Cmp precondition(ByteSequence k, long expectedRevision) {
    return expectedRevision == 0
        ? new Cmp(k, Cmp.Op.GREATER, CmpTarget.version(0))
        : new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision));
  }

  private static StorageException failedPrecondition(String key, long expectedRevision, TxnResponse r) {
    List<io.etcd.jetcd.KeyValue> cur = r.getGetResponses().isEmpty() ? List.of() : r.getGetResponses().get(0).getKvs();
    if (cur.isEmpty()) {
      return new StorageException(StorageException.Reason.NOT_FOUND, key, 0, "key not found: " + key);
    }
    long mod = cur.get(0).getModRevision();
    return new StorageException(StorageException.Reason.CONFLICT, key, mod,
        "revision of " + key + " is " + mod + ", not " + expectedRevision);
  }

  @Override
  public void compact(long target) {
    long current = currentRevision();
    if (target > current) {
      throw new StorageException(StorageException.Reason.FUTURE_REVISION, "", current,
          "required revision " + target + " is a future revision (current: " + current + ")");
    }
    long done = compactRevision();
    if (target <= done) {
      return;
    }
    try {
      await(kv.compact(target), "");
    } catch (StorageException e) {
      if (e.reason() != StorageException.Reason.COMPACTED) { // someone compacted further already: fine
        throw e;
      }
    }
    recordCompaction(target);
  }

  /** Raises compact_rev_key to {@code target} unless another writer recorded a higher one. */
  private void recordCompaction(long target) {
    ByteSequence k = bytes(COMPACT_KEY);
    for (int attempt = 0; attempt < 10; attempt++) {
      GetResponse g = await(kv.get(k), COMPACT_KEY);
      long seen = g.getKvs().isEmpty() ? 0 : parseRevision(g.getKvs().get(0));
      if (seen >= target) {
        return;
      }
      long mod = g.getKvs().isEmpty() ? 0 : g.getKvs().get(0).getModRevision();
      TxnResponse r = await(kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(mod)))
          .Then(Op.put(k, bytes(Long.toString(target)), PutOption.DEFAULT)).commit(), COMPACT_KEY);
      if (r.isSucceeded()) {
        return;
      }
    }
    throw new StorageException("could not record the compacted revision " + target + " in " + COMPACT_KEY, null);
  }

  private static long parseRevision(io.etcd.jetcd.KeyValue e) {
    try {
      return Long.parseLong(e.getValue().toString(UTF_8).trim());
    } catch (NumberFormatException ex) {
      return 0;
    }
  }

  // ---- reads ----

  @Override
  public Optional<KeyValue> get(String key) {
    GetResponse r = await(kv.get(bytes(key)), key);
    return r.getKvs().isEmpty() ? Optional.empty() : Optional.of(toKv(r.getKvs().get(0)));
  }

  @Override
  public ListPage list(String prefix, String startAfter, long revision, int limit) {
    String from = startAfter.isEmpty() || startAfter.compareTo(prefix) < 0 ? prefix : startAfter + "\0";
    GetOption.Builder o = GetOption.builder().withRange(ByteSequence.from(rangeEnd(prefix)));
    if (limit > 0) {
      o.withLimit(limit);
    }
    if (revision > 0) {
      o.withRevision(revision);
    }
    GetResponse r;
    try {
      r = await(kv.get(bytes(from), o.build()), prefix);
    } catch (StorageException e) {
      if (e.reason() == StorageException.Reason.COMPACTED) {
        throw compactedSince(revision);
      }
      throw e;
    }
    List<KeyValue> items = new ArrayList<>(r.getKvs().size());
    for (io.etcd.jetcd.KeyValue e : r.getKvs()) {
      items.add(toKv(e));
    }
    return new ListPage(items, revision > 0 ? revision : r.getHeader().getRevision(), r.isMore());
  }

  @Override
  public long count(String prefix) {
    GetOption o = GetOption.builder().withRange(ByteSequence.from(rangeEnd(prefix))).withCountOnly(true).build();
    return await(kv.get(bytes(prefix), o), prefix).getCount();
  }

  /** The end of etcd's range for every key starting with {@code prefix}; {0} (everything) for "". */
  static byte[] rangeEnd(String prefix) {
    byte[] p = prefix.getBytes(UTF_8);
    for (int i = p.length - 1; i >= 0; i--) {
      if (p[i] != (byte) 0xff) {
        byte[] end = java.util.Arrays.copyOf(p, i + 1);
        end[i]++;
        return end;
      }
    }
    return new byte[] {0};
  }

  @Override
  public long currentRevision() {
    return await(kv.get(bytes(COMPACT_KEY), GetOption.builder().withCountOnly(true).build()), "")
        .getHeader().getRevision();
  }

  @Override
  public long compactRevision() {
    GetResponse r = await(kv.get(bytes(COMPACT_KEY)), COMPACT_KEY);
    return r.getKvs().isEmpty() ? 0 : parseRevision(r.getKvs().get(0));
  }

  // ---- watch ----

  @Override
  public BackendWatch watch(String prefix, long fromRevision, WatchListener listener) {
    long compacted = compactRevision();
    if (fromRevision < compacted) {
      throw StorageException.compacted(fromRevision, compacted);
    }
    EtcdWatch w = new EtcdWatch(this, prefix, fromRevision, listener);
    watches.add(w);
    w.start(client.getWatchClient());
    return w;
  }

  /** Watches open now (for tests and metrics). */
  public int watchCount() {
    return watches.size();
  }

  void removed(EtcdWatch w) {
    watches.remove(w);
  }

  StorageException compactedSince(long requested) {
    long compacted;
    try {
      compacted = compactRevision();
    } catch (StorageException e) {
      compacted = requested + 1;
    }
    return StorageException.compacted(requested, Math.max(compacted, requested + 1));
  }

  // ---- plumbing ----

  private <T> T await(CompletableFuture<T> f, String key) {
    if (closed) {
      throw new StorageException("the storage backend is closed", null);
    }
    try {
      return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new StorageException("interrupted while waiting for etcd", e);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new StorageException("etcd did not answer within " + TIMEOUT.toSeconds() + "s (" + description + ")", e);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), key);
    }
  }

  /** etcd's errors as the backend's reasons: compacted and future revisions by etcd's own wording. */
  StorageException translate(Throwable cause, String key) {
    String msg = String.valueOf(cause.getMessage());
    if (cause instanceof io.etcd.jetcd.common.exception.CompactedException c) {
      return StorageException.compacted(0, c.getCompactedRevision());
    }
    if (msg.contains("required revision has been compacted")) {
      return compactedSince(0);
    }
    if (msg.contains("required revision is a future revision")) {
      long cur = 0;
      try {
        cur = currentRevision();
      } catch (StorageException ignored) {
        // the revision in the error is informational; the reason is what callers act on
      }
      return new StorageException(StorageException.Reason.FUTURE_REVISION, key, cur, "etcd: " + msg);
    }
    return new StorageException("etcd request failed" + (key.isEmpty() ? "" : " for " + key) + ": " + msg, cause);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EtcdWatch w : List.copyOf(watches)) {
      w.endFromBackend(null);
    }
    client.close();
  }
}
