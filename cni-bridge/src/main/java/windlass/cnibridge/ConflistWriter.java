package windlass.cnibridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes the conflist into the runtime's CNI conf dir as {@code 10-windlass.conflist}, in place and only when the
 * content differs. In place, not write-then-rename: containerd 1.6 reloads its CNI config on a write to the file but
 * missed a rename into the directory (environment.md gotcha 12); not rewriting unchanged content spares it a reload.
 */
public final class ConflistWriter {
  public static final String FILE_NAME = "10-windlass.conflist";

  private final Path confDir;

  public ConflistWriter(Path confDir) {
    this.confDir = confDir;
  }

  public Path file() {
    return confDir.resolve(FILE_NAME);
  }

  /** Writes {@code conflist}; returns true when the file was created or changed, false when it already matched. */
  public synchronized boolean write(BridgeConflist conflist) throws IOException {
    byte[] want = conflist.toJson().getBytes(StandardCharsets.UTF_8);
    Path f = file();
    if (Files.isRegularFile(f) && Arrays.equals(Files.readAllBytes(f), want)) {
      return false;
    }
    Files.createDirectories(confDir);
    Files.write(f, want, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    return true;
  }
}
