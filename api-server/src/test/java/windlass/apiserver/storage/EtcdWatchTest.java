package windlass.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EtcdWatch fed etcd's responses directly, without a server: duplicates, progress, and progress that lied. */
class EtcdWatchTest {
  private final Client client = Client.builder().endpoints("http://127.0.0.1:1").build(); // never dialled
  private final EtcdBackend backend = new EtcdBackend(client, "test");
  private final BackendContractTest.Recorder rec = new BackendContractTest.Recorder();
  private final EtcdWatch watch = new EtcdWatch(backend, "/w/", 10, rec);

  @AfterEach
  void closeClient() {
    client.close();
  }

  private static WatchResponse events(long... revisions) {
    io.etcd.jetcd.api.WatchResponse.Builder b = io.etcd.jetcd.api.WatchResponse.newBuilder()
        .setHeader(ResponseHeader.newBuilder().setRevision(revisions[revisions.length - 1]));
    for (long r : revisions) {
      b.addEvents(Event.newBuilder().setType(Event.EventType.PUT).setKv(io.etcd.jetcd.api.KeyValue.newBuilder()
          .setKey(ByteString.copyFromUtf8("/w/k" + r)).setValue(ByteString.copyFromUtf8("v"))
          .setCreateRevision(r).setModRevision(r)));
    }
    return new WatchResponse(b.build());
  }

  private static WatchResponse progress(long revision) {
    return new WatchResponse(io.etcd.jetcd.api.WatchResponse.newBuilder()
        .setHeader(ResponseHeader.newBuilder().setRevision(revision)).build());
  }

  private List<Long> delivered() {
    return rec.events.stream().map(StorageEvent::revision).toList();
  }

  @Test
  void eventsAtOrBelowTheStartOrAlreadyDeliveredAreSkipped() {
    watch.onNext(events(9, 10, 11));
    watch.onNext(events(11, 12)); // a resumed stream repeats 11
    assertEquals(List.of(11L, 12L), delivered());
    assertTrue(rec.closed.isEmpty());
  }

  @Test
  void progressIsPassedOnAndLaterEventsStillCome() {
    watch.onNext(events(11));
    watch.onNext(progress(15));
    watch.onNext(events(16));
    assertEquals(List.of(15L), List.copyOf(rec.progress));
    assertEquals(List.of(11L, 16L), delivered());
    assertTrue(rec.closed.isEmpty());
  }

  @Test
  void anEventBelowAProgressAlreadyPassedOnEndsTheWatchInsteadOfBeingSkipped() {
    watch.onNext(progress(15));
    watch.onNext(events(13));
    assertEquals(List.of(), delivered());
    assertEquals(1, rec.closed.size());
    String why = rec.closed.peek();
    assertTrue(why.contains("revision 13") && why.contains("progress notification at 15"), why);
  }

  @Test
  void noProgressIsRequestedFromAnEtcdThatMayReorderIt() {
    assertFalse(backend.progressRequests()); // not connected: no member said its version
    assertFalse(watch.requestProgress());
  }

  @Test
  void versionsThatOrderProgressWithEvents() {
    for (String v : List.of("3.4.31", "3.4.40", "3.5.13", "3.5.21", "3.6.0", "v3.6.4", "4.0.0")) {
      assertTrue(EtcdBackend.ordersProgress(v), v);
    }
    for (String v : List.of("3.4.23", "3.4.30", "3.5.0", "3.5.12", "3.3.27", "2.3.8", "unknown", "")) {
      assertFalse(EtcdBackend.ordersProgress(v), v);
    }
  }
}
