package windlass.apiserver.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child process for {@link SqliteKillTest}: writes keys forever, printing each acknowledged write. */
public final class SqliteWriterProcess {
  private SqliteWriterProcess() {}

  public static void main(String[] args) {
    SqliteBackend b = SqliteBackend.open(Path.of(args[0]));
    for (int i = 1; ; i++) {
      long rev = b.create("/registry/pods/default/p" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
      System.out.println("acked " + i + " " + rev);
      System.out.flush();
    }
  }
}
