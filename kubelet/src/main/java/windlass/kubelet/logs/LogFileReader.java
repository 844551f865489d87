package windlass.kubelet.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a CRI log file the way {@code kubectl logs} wants it: since, tail, byte limit, timestamps; and with follow,
 * goes on reading records as they are appended until told to stop. Lines that do not parse are skipped.
 */
public final class LogFileReader {
  private final Path file;

  public LogFileReader(Path file) {
    this.file = file;
  }

  /** What is in the file now, after {@code o}. */
  public List<String> read(LogOptions o) throws IOException {
    List<String> out = new ArrayList<>();
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      readFrom(f, o, out::add, new long[] {o.limitBytes()});
    }
    return out;
  }

  /**
   * Sends what is there, then keeps polling for new records every {@code pollMillis} until {@code stop} says so (the
   * client went away, or the container exited: then what was written up to then is sent first).
   */
  public void follow(LogOptions o, Consumer<String> sink, BooleanSupplier stop, long pollMillis)
      throws IOException, InterruptedException {
    long[] budget = {o.limitBytes()};
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      readFrom(f, o, sink, budget);
      LogOptions rest = new LogOptions(o.since(), -1, o.limitBytes(), o.timestamps());
      while (budget[0] != 0) {
        boolean last = stop.getAsBoolean();
        readFrom(f, rest, sink, budget);
        if (last) {
          return;
        }
        Thread.sleep(pollMillis);
      }
    }
  }

  /** Reads complete lines from the file's position on; leaves the position before an unfinished last line. */
  private static void readFrom(RandomAccessFile f, LogOptions o, Consumer<String> sink, long[] budget)
      throws IOException {
    long start = f.getFilePointer();
    long len = f.length();
    if (len < start) { // truncated or rotated under us: start over
      f.seek(0);
      start = 0;
    }
    if (len == start) {
      return;
    }
    byte[] buf = new byte[(int) Math.min(len - start, Integer.MAX_VALUE)];
    f.readFully(buf);
    int lastNl = -1;
    for (int i = buf.length - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        lastNl = i;
        break;
      }
    }
    f.seek(start + lastNl + 1);
    if (lastNl < 0) {
      return;
    }
    String text = new String(buf, 0, lastNl, StandardCharsets.UTF_8);
    Deque<String> rendered = new ArrayDeque<>();
    for (String line : text.split("\n", -1)) {
      CriLogLine l;
      try {
        l = CriLogLine.parse(line);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (o.since() != null && l.timestamp().isBefore(o.since())) {
        continue;
      }
      rendered.add(l.render(o.timestamps()));
      if (o.tailLines() >= 0 && rendered.size() > o.tailLines()) {
        rendered.removeFirst();
      }
    }
    for (String s : rendered) {
      if (budget[0] == 0) {
        return;
      }
      if (budget[0] > 0) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > budget[0]) {
          sink.accept(new String(b, 0, (int) budget[0], StandardCharsets.UTF_8));
          budget[0] = 0;
          return;
        }
        budget[0] -= b.length;
      }
      sink.accept(s);
    }
  }
}
