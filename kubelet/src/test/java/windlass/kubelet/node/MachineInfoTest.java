package windlass.kubelet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineInfoTest {
  @TempDir Path root;

  @Test
  void readsMemoryOsKernelAndIdsFromTheTree() throws Exception {
    Files.createDirectories(root.resolve("proc/sys/kernel/random"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("proc/meminfo"), "MemTotal:        8039204 kB\nMemFree:  1 kB\n");
    Files.writeString(root.resolve("etc/os-release"), "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
    Files.writeString(root.resolve("proc/sys/kernel/osrelease"), "6.1.0-13-amd64\n");
    Files.writeString(root.resolve("etc/machine-id"), "abc\n");
    Files.writeString(root.resolve("proc/sys/kernel/random/boot_id"), "boot\n");
    MachineInfo m = MachineInfo.read(root);
    assertEquals(8039204, m.memoryKi());
    assertEquals("Debian GNU/Linux 12 (bookworm)", m.osImage());
    assertEquals("6.1.0-13-amd64", m.kernelVersion());
    assertEquals("abc", m.machineId());
    assertEquals("boot", m.bootId());
    assertEquals("", m.systemUuid());
    assertEquals(Runtime.getRuntime().availableProcessors(), m.cpuCores());
  }

  @Test
  void namesArchitecturesAsGoDoes() {
    assertEquals("amd64", MachineInfo.goArch("amd64"));
    assertEquals("amd64", MachineInfo.goArch("x86_64"));
    assertEquals("arm64", MachineInfo.goArch("aarch64"));
  }
}
