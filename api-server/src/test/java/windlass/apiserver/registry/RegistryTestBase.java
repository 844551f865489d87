package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import windlass.apiserver.storage.SqliteBackend;
import windlass.client.ApiException;

/** A registry over a fresh SQLite file, a fixed clock and seeded randomness, with the system namespaces. */
abstract class RegistryTestBase {
  static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

  @TempDir
  Path dir;

  SqliteBackend backend;
  Registry registry;

  @BeforeEach
  void startRegistry() {
    backend = SqliteBackend.open(dir.resolve("state.db"));
    registry = new Registry(backend, Clock.fixed(NOW, ZoneOffset.UTC), new Random(42), Duration.ofMillis(50));
    registry.ensureSystemNamespaces();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
    backend.close();
  }

  static ApiException fails(Executable call) {
    return assertThrows(ApiException.class, call);
  }
}
