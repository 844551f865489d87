package windlass.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 3-member etcd loses one member to SIGKILL in the middle of a stream of writes: no acknowledged write is lost. */
@Tag("e2e")
class EtcdMemberKillTest {
  @TempDir
  Path dir;

  @Test
  void noAcknowledgedWriteIsLostWhenAMemberIsKilled() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 3);
        EtcdBackend backend = EtcdBackend.connect(etcd.endpoints(), null)) {
      Map<String, String> acked = new ConcurrentHashMap<>();
      AtomicInteger failed = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch before = new CountDownLatch(200);
      CountDownLatch after = new CountDownLatch(400);
      Thread[] writers = new Thread[4];
      AtomicInteger seq = new AtomicInteger();
      for (int t = 0; t < writers.length; t++) {
        writers[t] = new Thread(() -> {
          while (!stop.get()) {
            int n = seq.incrementAndGet();
            String key = "/registry/pods/default/p" + n;
            String value = "v" + n;
            try {
              backend.create(key, value.getBytes(UTF_8));
              acked.put(key, value);
              before.countDown();
              after.countDown();
            } catch (StorageException e) {
              failed.incrementAndGet(); // not acknowledged: the caller would retry; a new key next time
            }
          }
        }, "writer-" + t);
        writers[t].start();
      }
      assertTrue(before.await(60, TimeUnit.SECONDS), "writes before the kill");
      long afterCountAtKill = after.getCount();
      etcd.kill(0);
      assertTrue(after.await(120, TimeUnit.SECONDS), "writes go on with 2 of 3 members; failed: " + failed.get()
          + ", acked since the kill: " + (afterCountAtKill - after.getCount()));
      stop.set(true);
      for (Thread w : writers) {
        w.join();
      }
      try (EtcdBackend check = EtcdBackend.connect(etcd.endpoints().subList(1, 3), null)) {
        for (Map.Entry<String, String> e : acked.entrySet()) {
          KeyValue kv = check.get(e.getKey()).orElse(null);
          assertTrue(kv != null, "acknowledged write " + e.getKey() + " was lost");
          assertEquals(e.getValue(), new String(kv.value(), UTF_8));
        }
      }
    }
  }
}
