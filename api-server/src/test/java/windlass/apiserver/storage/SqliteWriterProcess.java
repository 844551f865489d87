package windlass.apiserver.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child process for {@link SqliteKillTest}: 8 threads write keys forever (so the writer commits them in groups),
 * printing each acknowledged write as {@code acked <n> <revision>}.
 */
public final class SqliteWriterProcess {
  private SqliteWriterProcess() {}

  public static void main(String[] args) {
    SqliteBackend b = SqliteBackend.open(Path.of(args[0]));
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      new Thread(() -> {
        while (true) {
          int i = next.incrementAndGet();
          long rev = b.create("/registry/pods/default/p" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
          synchronized (System.out) {
            System.out.println("acked " + i + " " + rev);
            System.out.flush();
          }
        }
      }, "writer-" + t).start();
    }
  }
}
