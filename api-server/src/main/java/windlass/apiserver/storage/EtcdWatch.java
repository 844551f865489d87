package windlass.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@link EtcdBackend} watch: an etcd watch on the prefix from the revision after the caller's, with previous
 * values. jetcd resumes a broken stream from the last revision it saw; events at or below the last delivered
 * revision are skipped, so each change is delivered once. Callbacks come from jetcd's stream, one at a time.
 * Progress is requested from etcd only when every member orders it with events ({@link
 * EtcdBackend#progressRequests}); should an event still come at or below a revision a progress notification
 * claimed, the watch ends with an error (its watcher lists again) rather than skip the event.
 */
final class EtcdWatch implements BackendWatch, Watch.Listener {
  private final EtcdBackend backend;
  private final String prefix;
  private final WatchListener listener;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Watch.Watcher watcher;
  private long position; // guarded by this: every change up to here has been delivered (events or progress)
  private long lastEvent; // guarded by this: the revision of the last event delivered

  EtcdWatch(EtcdBackend backend, String prefix, long fromRevision, WatchListener listener) {
    this.backend = backend;
    this.prefix = prefix;
    this.listener = listener;
    this.position = fromRevision;
    this.lastEvent = fromRevision;
  }

  void start(Watch client) {
    WatchOption o = WatchOption.builder().withRange(io.etcd.jetcd.ByteSequence.from(EtcdBackend.rangeEnd(prefix)))
        .withRevision(position + 1).withPrevKV(true).build();
    watcher = client.watch(EtcdBackend.bytes(prefix), o, this);
    if (ended.get()) {
      watcher.close();
    }
  }

  @Override
  public synchronized void onNext(WatchResponse r) {
    if (ended.get()) {
      return;
    }
    if (r.getEvents().isEmpty()) {
      if (r.isProgressNotify()) {
        position = Math.max(position, r.getHeader().getRevision());
        listener.onProgress(position);
      }
      return;
    }
    for (WatchEvent e : r.getEvents()) {
      StorageEvent ev = convert(e);
      if (ev.revision() <= lastEvent || ended.get()) {
        continue; // a resumed stream repeats what was delivered
      }
      if (ev.revision() <= position) {
        endFromBackend(new StorageException("etcd sent the change at revision " + ev.revision() + " of "
            + ev.kv().key() + " after a progress notification at " + position + "; the watch on " + prefix
            + " ends so that its watcher lists again", null));
        return;
      }
      listener.onEvent(ev);
      position = ev.revision();
      lastEvent = position;
    }
  }

  private static StorageEvent convert(WatchEvent e) {
    io.etcd.jetcd.KeyValue k = e.getKeyValue();
    io.etcd.jetcd.KeyValue p = e.getPrevKV();
    String key = k.getKey().toString(UTF_8);
    KeyValue prev = p == null || p.getModRevision() == 0 ? null
        : new KeyValue(key, p.getValue().getBytes(), p.getCreateRevision(), p.getModRevision());
    if (e.getEventType() == WatchEvent.EventType.DELETE) {
      byte[] last = prev == null ? new byte[0] : prev.value();
      long created = prev == null ? 0 : prev.createRevision();
      return new StorageEvent(StorageEvent.Type.DELETE, new KeyValue(key, last, created, k.getModRevision()), prev);
    }
    KeyValue kv = new KeyValue(key, k.getValue().getBytes(), k.getCreateRevision(), k.getModRevision());
    return new StorageEvent(StorageEvent.Type.PUT, kv, kv.createRevision() == kv.modRevision() ? null : prev);
  }

  @Override
  public void onError(Throwable t) {
    StorageException error;
    if (t instanceof CompactedException c) {
      long at;
      synchronized (this) {
        at = position;
      }
      error = StorageException.compacted(at, c.getCompactedRevision());
    } else {
      error = new StorageException("etcd watch on " + prefix + " failed: " + t.getMessage(), t);
    }
    endFromBackend(error);
  }

  @Override
  public void onCompleted() {
    endFromBackend(null);
  }

  @Override
  public boolean requestProgress() {
    Watch.Watcher w = watcher;
    if (w == null || ended.get() || !backend.progressRequests()) {
      return false;
    }
    w.requestProgress();
    return true;
  }

  /** Ends the watch from the backend's side: the listener hears onClose once. */
  void endFromBackend(StorageException error) {
    if (ended.compareAndSet(false, true)) {
      closeWatcher();
      synchronized (this) {
        listener.onClose(error);
      }
    }
  }

  @Override
  public void close() {
    if (ended.compareAndSet(false, true)) {
      closeWatcher();
    }
  }

  private void closeWatcher() {
    backend.removed(this);
    Watch.Watcher w = watcher;
    if (w != null) {
      w.close();
    }
  }
}
