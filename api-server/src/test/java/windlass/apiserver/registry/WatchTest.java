package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static windlass.apiserver.registry.Objects.pod;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WatchEvent;
import windlass.client.Watcher;

class WatchTest extends RegistryTestBase {
  static final class Recorder implements Watcher<Message> {
    final BlockingQueue<WatchEvent<Message>> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(WatchEvent<Message> e) {
      events.add(e);
    }

    @Override
    public void onClose(ApiException error) {}

    WatchEvent<Message> next() throws InterruptedException {
      WatchEvent<Message> e = events.poll(5, TimeUnit.SECONDS);
      assertNotNull(e, "no event arrived");
      return e;
    }
  }

  @Test
  void bookmarksCarryTheRevisionSeenSoFar() throws Exception {
    Recorder rec = new Recorder();
    try (RegistryWatch w = registry.watch(Kinds.POD, ListQuery.all("default").withBookmarks(true), rec)) {
      registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
      registry.create(Kinds.NAMESPACE, "", Objects.namespace("later"), false);
      assertEquals(WatchEventType.ADDED, rec.next().type());
      WatchEvent<Message> bookmark;
      do {
        bookmark = rec.next();
      } while (bookmark.type() == WatchEventType.BOOKMARK
          && !ObjectMetas.of(bookmark.object()).getResourceVersion().equals(Long.toString(backend.currentRevision())));
      assertEquals(WatchEventType.BOOKMARK, bookmark.type());
      assertEquals("", ObjectMetas.of(bookmark.object()).getName());
    }
  }

  @Test
  void deletedEventsCarryTheLastStateAtTheDeletionsRevision() throws Exception {
    registry.create(Kinds.POD, "default", pod("web", Map.of("app", "web")), false);
    Recorder rec = new Recorder();
    try (RegistryWatch w = registry.watch(Kinds.POD, ListQuery.all("default").withLabelSelector("app=web"), rec)) {
      assertEquals(WatchEventType.ADDED, rec.next().type());
      Message gone = registry.delete(Kinds.POD, "default", "web", DeleteOptions.DEFAULT);
      WatchEvent<Message> e = rec.next();
      assertEquals(WatchEventType.DELETED, e.type());
      assertEquals(gone, e.object());
    }
  }

  @Test
  void aBadResourceVersionIsABadRequest() {
    ApiException e = fails(() -> registry.watch(Kinds.POD, ListQuery.all("").withResourceVersion("abc"),
        new Recorder()));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
  }
}
