package windlass.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.EtcdBackend;
import windlass.apiserver.storage.SqliteBackend;

/**
 * {@code scripts/bench storage}: puts per second and p50/p99 latency at 1 and 64 concurrent clients, for the
 * SqliteBackend, the EtcdBackend and, as the peer, raw etcd puts through jetcd; same machine, fsync on for both
 * (SQLite synchronous=FULL, etcd's default). Each client overwrites its own key with a value of --value-bytes; the
 * backends do what the apiserver does (a conditional update), the peer a plain put.
 */
@Command(name = "storage", mixinStandardHelpOptions = true,
    description = "puts/s and latency: SqliteBackend, EtcdBackend, raw etcd (jetcd) at 1 and 64 clients")
public final class StorageBench implements Callable<Integer> {
  @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per cell (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "1", description = "unmeasured seconds first (default: ${DEFAULT-VALUE})")
  int warmupSeconds;

  @Option(names = "--clients", split = ",", defaultValue = "1,64", description = "concurrencies (default: ${DEFAULT-VALUE})")
  int[] clients;

  @Option(names = "--value-bytes", defaultValue = "1024", description = "value size (default: ${DEFAULT-VALUE})")
  int valueBytes;

  @Option(names = "--stores", split = ",", defaultValue = "sqlite,etcdbackend,etcd",
      description = "which to measure, of sqlite, etcdbackend, etcd (default: ${DEFAULT-VALUE})")
  List<String> stores;

  @Option(names = "--dir", description = "where the SQLite file and etcd's data go (default: a temp dir)")
  Path dir;

  @Option(names = "--json", description = "also write the figures as JSON to this file")
  Path json;

  /** One put: {@code client} overwrites its key. */
  @FunctionalInterface
  interface Put {
    void run(int client) throws Exception;
  }

  record Cell(String store, int clients, long ops, double seconds, double p50Ms, double p99Ms) {
    double perSecond() {
      return ops / seconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    Path base = dir != null ? dir : Files.createTempDirectory("windlass-storage-bench");
    byte[] value = new byte[valueBytes];
    Arrays.fill(value, (byte) 'x');
    int maxClients = Arrays.stream(clients).max().orElse(1);
    List<Cell> cells = new ArrayList<>();
    if (stores.contains("sqlite")) {
      try (SqliteBackend sqlite = SqliteBackend.open(base.resolve("sqlite/state.db"))) {
        prepare(sqlite, "/bench/sqlite/", maxClients, value);
        for (int n : clients) {
          cells.add(measure("SqliteBackend", n, c -> sqlite.update("/bench/sqlite/" + c, value, 0)));
        }
      }
    }
    if (stores.contains("etcdbackend") || stores.contains("etcd")) {
      measureEtcd(base, maxClients, value, cells);
    }
    print(cells);
    if (json != null) {
      writeJson(cells);
    }
    if (dir == null) {
      RunDir.delete(base);
    }
    return 0;
  }


  private void measureEtcd(Path base, int maxClients, byte[] value, List<Cell> cells) throws Exception {
    ByteSequence rawValue = ByteSequence.from(value);
    try (EtcdServer etcd = EtcdServer.start(base.resolve("etcd"))) {
      if (stores.contains("etcdbackend")) {
        try (EtcdBackend backend = EtcdBackend.connect(List.of(etcd.endpoint()), null)) {
          prepare(backend, "/bench/etcdbackend/", maxClients, value);
          for (int n : clients) {
            cells.add(measure("EtcdBackend", n, c -> backend.update("/bench/etcdbackend/" + c, value, 0)));
          }
        }
      }
      if (stores.contains("etcd")) {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
          KV kv = client.getKVClient();
          for (int n : clients) {
            cells.add(measure("etcd (jetcd put)", n,
                c -> kv.put(ByteSequence.from("/bench/raw/" + c, UTF_8), rawValue).get()));
          }
        }
      }
    }
  }

  private static void prepare(Backend b, String prefix, int n, byte[] value) {
    for (int c = 0; c < n; c++) {
      if (b.get(prefix + c).isEmpty()) {
        b.create(prefix + c, value);
      }
    }
  }

  private Cell measure(String store, int n, Put put) throws Exception {
    System.err.printf(Locale.ROOT, "%s, %d client(s): %d s warm-up, %d s measured%n", store, n, warmupSeconds, seconds);
    run(n, put, warmupSeconds, false);
    long[][] lat = run(n, put, seconds, true);
    int total = 0;
    for (long[] l : lat) {
      total += l.length;
    }
    long[] all = new long[total];
    int i = 0;
    for (long[] l : lat) {
      System.arraycopy(l, 0, all, i, l.length);
      i += l.length;
    }
    Arrays.sort(all);
    return new Cell(store, n, total, seconds, pct(all, 0.50), pct(all, 0.99));
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** n threads put for {@code secs}; returns each thread's latencies in nanoseconds. */
  private static long[][] run(int n, Put put, int secs, boolean record) throws Exception {
    long[][] out = new long[n][];
    AtomicBoolean stop = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(n + 1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < n; t++) {
      int c = t;
      Thread th = new Thread(() -> {
        long[] lat = new long[1024];
        int k = 0;
        try {
          start.await();
          while (!stop.get()) {
            long t0 = System.nanoTime();
            put.run(c);
            long d = System.nanoTime() - t0;
            if (record) {
              if (k == lat.length) {
                lat = Arrays.copyOf(lat, k * 2);
              }
              lat[k++] = d;
            }
          }
        } catch (Exception e) {
          errors.add(e instanceof ExecutionException ? e.getCause() : e);
        }
        out[c] = Arrays.copyOf(lat, k);
      }, "bench-client-" + t);
      threads.add(th);
      th.start();
    }
    start.await();
    Thread.sleep(secs * 1000L);
    stop.set(true);
    for (Thread th : threads) {
      th.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("a put failed: " + errors.get(0), errors.get(0));
    }
    return out;
  }

  private void print(List<Cell> cells) {
    System.out.printf(Locale.ROOT, "%-18s %7s %10s %9s %9s%n", "store", "clients", "puts/s", "p50 ms", "p99 ms");
    for (Cell c : cells) {
      System.out.printf(Locale.ROOT, "%-18s %7d %10.0f %9.2f %9.2f%n", c.store(), c.clients(), c.perSecond(),
          c.p50Ms(), c.p99Ms());
    }
    System.out.printf(Locale.ROOT, "(%d s per cell after %d s warm-up, %d-byte values, %d cores)%n", seconds,
        warmupSeconds, valueBytes, Runtime.getRuntime().availableProcessors());
  }

  private void writeJson(List<Cell> cells) throws IOException {
    StringBuilder b = new StringBuilder("{\"benchmark\":\"storage\",\"seconds\":" + seconds + ",\"valueBytes\":"
        + valueBytes + ",\"cores\":" + Runtime.getRuntime().availableProcessors() + ",\"cells\":[");
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"store\":\"%s\",\"clients\":%d,\"ops\":%d,\"putsPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f}",
          c.store(), c.clients(), c.ops(), c.perSecond(), c.p50Ms(), c.p99Ms()));
    }
    b.append("]}\n");
    Files.writeString(json, b.toString());
  }
}
