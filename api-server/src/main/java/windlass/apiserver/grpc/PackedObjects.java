package windlass.apiserver.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Packs watched objects into {@link Any} once per object, not once per watch stream: the watch cache hands every
 * watcher of a change the same decoded object, so a small table keyed by object identity finds the packed form for
 * all watchers but the first. Objects are immutable, so the same instance always packs to the same bytes; a slot
 * taken by another object only costs a fresh pack. Thread-safe.
 */
final class PackedObjects {
  private record Packed(Message object, Any any) {}

  private final AtomicReferenceArray<Packed> slots;
  private final int mask;

  /** @param size slots, rounded up to a power of two: how many recent objects are remembered at most */
  PackedObjects(int size) {
    int n = Integer.highestOneBit(Math.max(1, size - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(n);
    this.mask = n - 1;
  }

  Any pack(Message object) {
    int i = System.identityHashCode(object) & mask;
    Packed p = slots.get(i);
    if (p != null && p.object() == object) {
      return p.any();
    }
    Any any = Any.pack(object);
    slots.lazySet(i, new Packed(object, any));
    return any;
  }
}
