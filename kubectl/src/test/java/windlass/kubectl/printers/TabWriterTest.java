package windlass.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabWriterTest {
  @Test
  void padsEveryCellButTheLastToTheWidestPlusThreeAndAtLeastSix() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TabWriter w = new TabWriter(new PrintStream(buf, true, StandardCharsets.UTF_8));
    w.row(List.of("NAME", "A", "LAST"));
    w.row(List.of("a-much-longer-name", "B", "x"));
    w.flush();
    assertEquals("""
        NAME                 A     LAST
        a-much-longer-name   B     x
        """, buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void remembersWidthsForRowsPrintedLater() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TabWriter w = new TabWriter(new PrintStream(buf, true, StandardCharsets.UTF_8));
    w.row(List.of("NAME", "STATUS"));
    w.row(List.of("web", "Running"));
    w.flush();
    w.row(List.of("w", "Pending"));
    w.flush();
    assertEquals("NAME   STATUS\nweb    Running\nw      Pending\n", buf.toString(StandardCharsets.UTF_8));
  }
}
