package windlass.apiserver.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/** Test helper: starts {@code n} writers on their own threads at the same moment and collects what each reports. */
final class AllAtOnce {
  /** One writer's work; what it returns is its outcome. */
  interface Writer {
    String run();
  }

  private AllAtOnce() {}

  /**
   * Runs writer {@code i} of {@code n} on its own thread, all released together (so they land in few batches), and
   * returns their outcomes.
   */
  static Set<String> run(int n, IntFunction<Writer> writer) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      Writer w = writer.apply(t);
      Thread th = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          outcomes.add(w.run());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      all.add(th);
      th.start();
    }
    ready.await();
    go.countDown();
    for (Thread th : all) {
      th.join();
    }
    return new HashSet<>(outcomes);
  }
}
