package windlass.kubelet.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriLogLineTest {
  @TempDir Path dir;

  @Test
  void parsesAFullLine() {
    CriLogLine l = CriLogLine.parse("2016-10-06T00:17:09.669794202Z stdout F hello world");
    assertEquals(Instant.parse("2016-10-06T00:17:09.669794202Z"), l.timestamp());
    assertEquals("stdout", l.stream());
    assertFalse(l.partial());
    assertEquals("hello world", l.content());
    assertEquals("hello world\n", l.render(false));
    assertEquals("2016-10-06T00:17:09.669794202Z hello world\n", l.render(true));
  }

  @Test
  void partialRecordsGetNoNewlineAndEmptyLinesParse() {
    CriLogLine p = CriLogLine.parse("2016-10-06T00:17:09.669794202Z stderr P part");
    assertTrue(p.partial());
    assertEquals("part", p.render(false));
    assertEquals("\n", CriLogLine.parse("2016-10-06T00:17:09Z stdout F ").render(false));
    assertEquals("\n", CriLogLine.parse("2016-10-06T00:17:09Z stdout F").render(false));
  }

  @Test
  void refusesWhatIsNotACriLine() {
    assertThrows(IllegalArgumentException.class, () -> CriLogLine.parse("hello"));
    assertThrows(IllegalArgumentException.class, () -> CriLogLine.parse("yesterday stdout F x"));
    assertThrows(IllegalArgumentException.class, () -> CriLogLine.parse("2016-10-06T00:17:09Z stdin F x"));
  }

  @Test
  void readerTailsFiltersBySinceAndLimitsBytes() throws Exception {
    Path f = dir.resolve("0.log");
    Files.writeString(f, "2026-01-01T00:00:01Z stdout F one\n"
        + "2026-01-01T00:00:02Z stderr F two\n"
        + "garbage\n"
        + "2026-01-01T00:00:03Z stdout P thr\n"
        + "2026-01-01T00:00:03.5Z stdout F ee\n"
        + "2026-01-01T00:00:04Z stdout F unfinished"); // no newline yet: not sent
    LogFileReader r = new LogFileReader(f);
    assertEquals(List.of("one\n", "two\n", "thr", "ee\n"), r.read(LogOptions.ALL));
    assertEquals(List.of("thr", "ee\n"), r.read(new LogOptions(null, 2, -1, false)));
    assertEquals(List.of("two\n", "thr", "ee\n"),
        r.read(new LogOptions(Instant.parse("2026-01-01T00:00:02Z"), -1, -1, false)));
    assertEquals(List.of("one\n", "tw"), r.read(new LogOptions(null, -1, 6, false)));
  }

  @Test
  void followSendsNewRecordsUntilStopped() throws Exception {
    Path f = dir.resolve("0.log");
    Files.writeString(f, "2026-01-01T00:00:01Z stdout F one\n");
    LogFileReader r = new LogFileReader(f);
    List<String> got = new java.util.ArrayList<>();
    int[] polls = {0};
    r.follow(LogOptions.ALL, got::add, () -> {
      if (polls[0]++ == 1) {
        try {
          Files.writeString(f, "2026-01-01T00:00:02Z stdout F two\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return polls[0] > 3;
    }, 1);
    assertEquals(List.of("one\n", "two\n"), got);
  }
}
