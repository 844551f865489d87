package windlass.client.workqueue;

import java.time.Duration;
import java.time.Instant;
import windlass.client.Clock;

/**
 * An overall limit over all items, as client-go's BucketRateLimiter (golang.org/x/time/rate): the bucket holds up to
 * {@code burst} tokens and refills at {@code qps}; each retry takes a token, waiting (its delay) for one that has not
 * refilled yet. Items are not tracked: forget does nothing.
 */
public final class TokenBucketRateLimiter<K> implements RateLimiter<K> {
  private final double qps;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private Instant last;

  public TokenBucketRateLimiter(double qps, int burst, Clock clock) {
    if (qps <= 0 || burst < 1) {
      throw new IllegalArgumentException("need qps > 0 and burst >= 1, got qps " + qps + ", burst " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.now();
  }

  @Override
  public synchronized Duration when(K item) {
    Instant now = clock.now();
    if (now.isAfter(last)) {
      tokens = Math.min(burst, tokens + Duration.between(last, now).toNanos() / 1e9 * qps);
      last = now;
    }
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / qps * 1e9));
  }

  @Override
  public void forget(K item) {}

  @Override
  public int numRequeues(K item) {
    return 0;
  }
}
