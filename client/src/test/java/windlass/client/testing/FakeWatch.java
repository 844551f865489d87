package windlass.client.testing;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import windlass.api.v1.WatchEvent;
import windlass.api.v1.WatchEventType;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/**
 * One open watch stream of the fake apiserver. Translates store changes as upstream's watch cache does for a
 * selector: an object that starts matching arrives ADDED, one that stops matching arrives DELETED. While paused
 * (to simulate a lagging informer) events are held back, in order, until resumed. Called under the store's monitor.
 */
final class FakeWatch {
  private final Kind kind;
  private final String namespace;
  private final String labels;
  private final String fields;
  private final ServerCallStreamObserver<WatchEvent> out;
  private final List<WatchEvent> held = new ArrayList<>();
  private boolean paused;
  private boolean closed;

  FakeWatch(Kind kind, String namespace, String labels, String fields, ServerCallStreamObserver<WatchEvent> out,
      boolean paused) {
    this.kind = kind;
    this.namespace = namespace;
    this.labels = labels;
    this.fields = fields;
    this.out = out;
    this.paused = paused;
  }

  Kind kind() {
    return kind;
  }

  String namespace() {
    return namespace;
  }

  void offer(WatchEventType type, Message oldObj, Message newObj) {
    boolean now = matches(newObj);
    boolean before = oldObj != null && matches(oldObj);
    WatchEventType sent = switch (type) {
      case ADDED -> now ? WatchEventType.ADDED : null;
      case MODIFIED -> now && before ? WatchEventType.MODIFIED
          : now ? WatchEventType.ADDED : before ? WatchEventType.DELETED : null;
      case DELETED -> now || before ? WatchEventType.DELETED : null;
      default -> null;
    };
    if (sent == null) {
      return;
    }
    WatchEvent e = WatchEvent.newBuilder().setType(sent).setObject(Any.pack(newObj)).build();
    if (paused) {
      held.add(e);
    } else {
      send(e);
    }
  }

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
    held.forEach(this::send);
    held.clear();
  }

  void complete() {
    if (!closed) {
      closed = true;
      out.onCompleted();
    }
  }

  void fail(Throwable t) {
    if (!closed) {
      closed = true;
      out.onError(t);
    }
  }

  private void send(WatchEvent e) {
    if (!closed && !out.isCancelled()) {
      out.onNext(e);
    }
  }

  private boolean matches(Message o) {
    return (namespace.isEmpty() || ObjectMetas.of(o).getNamespace().equals(namespace))
        && Selectors.matches(o, labels, fields);
  }
}
