package windlass.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteBackendTest extends BackendContractTest {
  @Override
  protected Backend open(Path dir) {
    return SqliteBackend.open(dir.resolve("state.db"));
  }

  @Test
  void usesWriteAheadLogging() throws Exception {
    backend.create("/x", new byte[] {1});
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
      r.next();
      assertEquals("wal", r.getString(1));
    }
  }
}
