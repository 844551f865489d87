package windlass.kubelet.logs;

import java.time.Instant;

/**
 * What part of a log to send: records at or after {@code since} (null: all), the last {@code tailLines} (-1: all),
 * at most {@code limitBytes} (-1: no limit), with or without timestamps.
 */
public record LogOptions(Instant since, long tailLines, long limitBytes, boolean timestamps) {
  public static final LogOptions ALL = new LogOptions(null, -1, -1, false);
}
