package windlass.kubelet.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One record of a CRI log file: {@code <RFC3339Nano timestamp> <stdout|stderr> <tag> <content>}, tag {@code F} (full
 * line, or the last piece of a split one) or {@code P} (partial: more pieces follow), tags joined by ':' (protocols.md
 * 6.3). {@code content} excludes the newline that ends the record in the file.
 */
public record CriLogLine(Instant timestamp, String rawTimestamp, String stream, boolean partial, String content) {

  /** Parses one line of the file (without its trailing newline); throws IllegalArgumentException when malformed. */
  public static CriLogLine parse(String line) {
    int a = line.indexOf(' ');
    int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException("not a CRI log line: " + abbreviate(line));
    }
    String ts = line.substring(0, a);
    String stream = line.substring(a + 1, b);
    int c = line.indexOf(' ', b + 1);
    String tags = c < 0 ? line.substring(b + 1) : line.substring(b + 1, c);
    String content = c < 0 ? "" : line.substring(c + 1);
    if (!stream.equals("stdout") && !stream.equals("stderr")) {
      throw new IllegalArgumentException("not a CRI log line (stream \"" + stream + "\"): " + abbreviate(line));
    }
    Instant t;
    try {
      t = Instant.parse(ts);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a CRI log line (timestamp \"" + ts + "\"): " + abbreviate(line), e);
    }
    boolean partial = false;
    for (String tag : tags.split(":")) {
      if (tag.equals("P")) {
        partial = true;
      }
    }
    return new CriLogLine(t, ts, stream, partial, content);
  }

  /**
   * The bytes {@code kubectl logs} shows for this record: the content, a newline unless partial, and with
   * {@code timestamps} the record's timestamp and a space first.
   */
  public String render(boolean timestamps) {
    return (timestamps ? rawTimestamp + " " : "") + content + (partial ? "" : "\n");
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
