package windlass.kubelet.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the node reports about its machine: CPU cores, memory (KiB, from /proc/meminfo MemTotal), OS image
 * (/etc/os-release PRETTY_NAME), kernel, architecture in Go's naming (amd64, arm64), machine and boot ids.
 */
public record MachineInfo(int cpuCores, long memoryKi, String osImage, String kernelVersion, String architecture,
    String machineId, String bootId, String systemUuid) {

  /** Reads the running machine, under {@code root} ("/" normally; a fake tree in tests). */
  public static MachineInfo read(Path root) {
    long memKi = parseMemTotalKi(readOr(root.resolve("proc/meminfo"), ""));
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), memKi,
        parseOsImage(readOr(root.resolve("etc/os-release"), "")),
        readOr(root.resolve("proc/sys/kernel/osrelease"), System.getProperty("os.version")).trim(),
        goArch(System.getProperty("os.arch")),
        readOr(root.resolve("etc/machine-id"), "").trim(),
        readOr(root.resolve("proc/sys/kernel/random/boot_id"), "").trim(),
        readOr(root.resolve("sys/class/dmi/id/product_uuid"), "").trim());
  }

  /** MemTotal in KiB ("MemTotal:  8039204 kB"); 0 when absent. */
  static long parseMemTotalKi(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] f = line.substring(9).trim().split("\\s+");
        long v = Long.parseLong(f[0]);
        if (f.length > 1 && f[1].equalsIgnoreCase("mB")) {
          v *= 1024;
        }
        return v;
      }
    }
    return 0;
  }

  /** PRETTY_NAME of os-release, unquoted; "Linux" when absent. */
  static String parseOsImage(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        String v = line.substring(12).trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return "Linux";
  }

  static String goArch(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      default -> javaArch;
    };
  }

  private static String readOr(Path p, String fallback) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
  }
}
