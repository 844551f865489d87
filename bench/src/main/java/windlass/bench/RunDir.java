package windlass.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Path;

/** A benchmark run's temporary directory (data dirs, etcd members), removed with everything in it afterwards. */
final class RunDir {
  private RunDir() {}

  /** Deletes {@code dir} and its content; a failure is reported on stderr, never fails the benchmark. */
  static void delete(Path dir) {
    try {
      MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
