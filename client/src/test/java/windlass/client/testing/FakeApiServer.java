package windlass.client.testing;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.Kind;
import windlass.client.WindlassClient;

/**
 * An in-memory apiserver for tests, serving the real {@code windlass.api.v1.Resources} gRPC service in-process:
 * create (with generateName), get, list (label and field selectors), update, updateStatus (status subresource
 * semantics, generation bumps on spec change, resourceVersion conflicts), delete (immediate, with preconditions),
 * watch (resumable from any revision since the last {@link #compact()}, OUT_OF_RANGE before it) and the pod
 * {@code binding} and {@code eviction} subresources (an eviction deletes: no PodDisruptionBudgets are checked). Patch and deleteCollection are not served.
 *
 * <p>Test controls: {@link #compact()}, {@link #closeWatches()}, {@link #failWatches(ApiException)},
 * {@link #pauseWatches(Kind)}/{@link #resumeWatches(Kind)} (a lagging informer), {@link #failNext} (inject an error),
 * {@link #actions()} (what clients did), and {@link #await(Duration, BooleanSupplier)} (wait for state, no sleeps).
 *
 * <p>Published in the client's test-jar: depend on {@code io.windlass:client:test-jar} in test scope.
 */
public final class FakeApiServer implements AutoCloseable {
  /** One call a client made: verb ("create", "update", "updateStatus", "delete", "binding", ...), kind, object. */
  public record Action(String verb, Kind kind, String namespace, String name) {}

  private final FakeStore store;
  private final Server server;
  private final ManagedChannel channel;
  private final List<Action> actions = new ArrayList<>();
  private final Map<String, Queue<ApiException>> failures = new HashMap<>();

  /** A server stamping creationTimestamps from the system clock. */
  public FakeApiServer() {
    this(Clock.system());
  }

  /** A server stamping creationTimestamps (and binding conditions) from {@code clock}. */
  public FakeApiServer(Clock clock) {
    String name = "fake-apiserver-" + UUID.randomUUID();
    this.store = new FakeStore(clock);
    try {
      this.server = InProcessServerBuilder.forName(name).addService(new FakeResourcesService(store, this))
          .build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.channel = InProcessChannelBuilder.forName(name).build();
  }

  /** A client of this server (sharing one channel; closing it leaves the channel open). */
  public WindlassClient client() {
    return new WindlassClient(channel, false);
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** The current store revision (the resourceVersion of the last change). */
  public long revision() {
    return store.revision();
  }

  /** Every object of {@code kind} ("" namespace = all), straight from the store. */
  @SuppressWarnings("unchecked")
  public <T extends Message> List<T> objects(Kind kind, String namespace) {
    return (List<T>) (List<?>) store.list(kind, namespace, "", "");
  }

  @SuppressWarnings("unchecked")
  public <T extends Message> Optional<T> object(Kind kind, String namespace, String name) {
    return (Optional<T>) store.get(kind, namespace, name);
  }

  /** Forgets the change history: watches resuming from an older revision get OUT_OF_RANGE (410 Gone). */
  public void compact() {
    store.compact();
  }

  /** How many watch streams of {@code kind} are open now. */
  public int openWatches(Kind kind) {
    return (int) store.watches().stream().filter(w -> w.kind().equals(kind)).count();
  }

  /** Waits until {@code count} watches of {@code kind} are open; AssertionError on timeout. */
  public void awaitWatches(Kind kind, int count) throws InterruptedException {
    awaitOrFail(Duration.ofSeconds(10), count + " open watches of " + kind.resource(),
        () -> openWatches(kind) == count);
  }

  /** Ends every open watch stream normally, as a server timeout or restart would. */
  public void closeWatches() {
    synchronized (store) {
      for (FakeWatch w : store.watches()) {
        store.unwatch(w);
        w.complete();
      }
    }
  }

  /** Ends every open watch stream with {@code error}. */
  public void failWatches(ApiException error) {
    synchronized (store) {
      for (FakeWatch w : store.watches()) {
        store.unwatch(w);
        w.fail(error.toGrpc());
      }
    }
  }

  /** Holds back watch events of {@code kind} (open and future watches) until {@link #resumeWatches(Kind)}. */
  public void pauseWatches(Kind kind) {
    store.pause(kind, true);
  }

  public void resumeWatches(Kind kind) {
    store.pause(kind, false);
  }

  /**
   * Makes the next call {@code verb} ("create", "get", "list", "update", "updateStatus", "delete", "watch",
   * "binding") on {@code kind} fail with {@code error}. Several calls queue up.
   */
  public synchronized void failNext(String verb, Kind kind, ApiException error) {
    failures.computeIfAbsent(verb + " " + kind.groupResource(), k -> new ArrayDeque<>()).add(error);
  }

  /** The calls clients made, in order (reads included). */
  public synchronized List<Action> actions() {
    return new ArrayList<>(actions);
  }

  /** The calls with {@code verb} on {@code kind}. */
  public synchronized List<Action> actions(String verb, Kind kind) {
    return actions.stream().filter(a -> a.verb().equals(verb) && a.kind().equals(kind)).toList();
  }

  /**
   * Waits until {@code condition} holds, re-checking after every change to the store (and at least every 10 ms for
   * conditions on other state); false after {@code timeout}. The condition must not call this server over gRPC.
   */
  public boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = store.mutations();
      if (condition.getAsBoolean()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      store.awaitMutation(seen, Math.max(1, Math.min(10, left / 1_000_000)));
    }
  }

  /** {@link #await} that throws an AssertionError naming {@code what} on timeout. */
  public void awaitOrFail(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    if (!await(timeout, condition)) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
  }

  synchronized void check(String verb, Kind kind, String namespace, String name) {
    actions.add(new Action(verb, kind, namespace, name));
    Queue<ApiException> q = failures.get(verb + " " + kind.groupResource());
    if (q != null && !q.isEmpty()) {
      throw q.poll();
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
