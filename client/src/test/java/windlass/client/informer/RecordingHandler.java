package windlass.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records "add a", "update a", "delete a" (pod names) as a handler sees them. */
final class RecordingHandler implements ResourceEventHandler<V1.Pod> {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @Override
  public void onAdd(V1.Pod obj) {
    events.add("add " + obj.getMetadata().getName());
  }

  @Override
  public void onUpdate(V1.Pod oldObj, V1.Pod newObj) {
    events.add("update " + newObj.getMetadata().getName());
  }

  @Override
  public void onDelete(V1.Pod obj) {
    events.add("delete " + obj.getMetadata().getName());
  }

  /** The next event, waiting up to 10 s. */
  String next() throws InterruptedException {
    String e = events.poll(10, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no event within 10 s");
    }
    return e;
  }

  /** The next {@code n} events, sorted (for events whose relative order is not specified, as a relist's). */
  List<String> nextSorted(int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    out.sort(null);
    return out;
  }

  void expect(String... want) throws InterruptedException {
    for (String w : want) {
      assertEquals(w, next());
    }
  }

  void expectNothingMore() {
    assertNull(events.poll(), "unexpected event");
  }
}
