package windlass.cnibridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflistWriterTest {
  @TempDir Path dir;

  @Test
  void createsTheConfDirAndTheFile() throws Exception {
    var w = new ConflistWriter(dir.resolve("net.d"));
    assertTrue(w.write(BridgeConflist.of("10.244.1.0/24")));
    assertEquals(dir.resolve("net.d/10-windlass.conflist"), w.file());
    assertEquals(BridgeConflist.of("10.244.1.0/24").toJson(), Files.readString(w.file()));
  }

  @Test
  void doesNotTouchAnUnchangedFile() throws Exception {
    var w = new ConflistWriter(dir);
    w.write(BridgeConflist.of("10.244.1.0/24"));
    Object inode = Files.readAttributes(w.file(), BasicFileAttributes.class).fileKey();
    Files.setLastModifiedTime(w.file(), java.nio.file.attribute.FileTime.fromMillis(0));
    assertFalse(w.write(BridgeConflist.of("10.244.1.0/24")));
    assertEquals(0, Files.getLastModifiedTime(w.file()).toMillis());
    assertEquals(inode, Files.readAttributes(w.file(), BasicFileAttributes.class).fileKey());
  }

  @Test
  void rewritesInPlaceWhenTheCidrChanges() throws Exception {
    var w = new ConflistWriter(dir);
    w.write(BridgeConflist.of("10.244.1.0/24"));
    Object inode = Files.readAttributes(w.file(), BasicFileAttributes.class).fileKey();
    assertTrue(w.write(BridgeConflist.of("10.244.2.0/24")));
    assertTrue(Files.readString(w.file()).contains("10.244.2.0/24"));
    assertEquals(inode, Files.readAttributes(w.file(), BasicFileAttributes.class).fileKey(), "same inode: no rename");
  }
}
