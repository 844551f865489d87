package windlass.client;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A watch read by pulling: {@link #next()} blocks for the next event, {@link #poll(Duration)} waits at most so long,
 * {@link #hasNext()} is false once the stream ended. An error ending the stream is thrown (as the ApiException) by
 * the read that reaches it. Unbounded: a reader that falls behind holds the events in memory.
 */
public final class WatchStream<T> implements Iterator<WatchEvent<T>>, AutoCloseable {
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private volatile Watch watch;
  private Object head;
  private boolean ended;

  WatchStream() {}

  void attach(Watch w) {
    this.watch = w;
  }

  Watcher<T> watcher() {
    return new Watcher<>() {
      @Override
      public void onEvent(WatchEvent<T> event) {
        events.add(event);
      }

      @Override
      public void onClose(ApiException error) {
        events.add(error == null ? END : error);
      }
    };
  }

  /** Blocks until the next event arrives or the stream ends. */
  @Override
  public boolean hasNext() {
    if (head == null && !ended) {
      try {
        head = events.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApiException.internal("interrupted while waiting for a watch event");
      }
    }
    return !isEnd();
  }

  @Override
  public WatchEvent<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the watch ended");
    }
    return take();
  }

  /** The next event if one arrives within {@code timeout}; empty on timeout or once the stream ended. */
  public Optional<WatchEvent<T>> poll(Duration timeout) throws InterruptedException {
    if (head == null && !ended) {
      head = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    if (head == null || isEnd()) {
      return Optional.empty();
    }
    return Optional.of(take());
  }

  /** The events as a sequential Stream; closing the Stream closes the watch. */
  public Stream<WatchEvent<T>> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  @Override
  public void close() {
    Watch w = watch;
    if (w != null) {
      w.close();
    }
  }

  private boolean isEnd() {
    if (head == END) {
      ended = true;
      return true;
    }
    if (head instanceof ApiException e) {
      head = END;
      ended = true;
      throw e;
    }
    return ended;
  }

  @SuppressWarnings("unchecked")
  private WatchEvent<T> take() {
    WatchEvent<T> e = (WatchEvent<T>) head;
    head = null;
    return e;
  }
}
