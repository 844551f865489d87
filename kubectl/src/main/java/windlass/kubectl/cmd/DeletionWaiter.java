package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.ListOptions;
import windlass.client.ObjectMetas;
import windlass.client.ResourceClient;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;

/**
 * Waits, as upstream's {@code delete --wait} does, until an object whose deletion was accepted but not finished
 * (finalizers, a grace period) is gone: a watch on its name, started from the deletion's revision.
 */
final class DeletionWaiter {
  private DeletionWaiter() {}

  /** Returns true once the object is gone, false when {@code timeout} passed first. */
  static boolean awaitGone(ResourceClient<Message> rc, Message deleted, Duration timeout) throws InterruptedException {
    if (!ObjectMetas.of(deleted).hasDeletionTimestamp()) {
      return true;
    }
    String name = ObjectMetas.of(deleted).getName();
    String uid = ObjectMetas.of(deleted).getUid();
    CountDownLatch gone = new CountDownLatch(1);
    Watch w = rc.watch(ListOptions.ALL.withFieldSelector("metadata.name=" + name)
        .withResourceVersion(ObjectMetas.of(deleted).getResourceVersion()), new Watcher<>() {
          @Override
          public void onEvent(WatchEvent<Message> e) {
            if (e.type() == WatchEventType.DELETED && ObjectMetas.of(e.object()).getUid().equals(uid)) {
              gone.countDown();
            }
          }

          @Override
          public void onClose(ApiException error) {
            // a closed watch: the check below or the timeout decides
          }
        });
    try {
      if (isGone(rc, name, uid)) {
        return true;
      }
      return gone.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || isGone(rc, name, uid);
    } finally {
      w.close();
    }
  }

  private static boolean isGone(ResourceClient<Message> rc, String name, String uid) {
    try {
      return !ObjectMetas.of(rc.get(name)).getUid().equals(uid);
    } catch (ApiException e) {
      if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }
}
