package windlass.client;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.kubernetes.client.proto.Meta.ObjectMeta;

/**
 * Reads and writes the {@code metadata} of any upstream object through its descriptor, so generic code (storage,
 * registry, printers, informers) handles every kind alike.
 */
public final class ObjectMetas {
  private ObjectMetas() {}

  public static ObjectMeta of(MessageOrBuilder obj) {
    FieldDescriptor f = metadataField(obj);
    return (ObjectMeta) obj.getField(f);
  }

  @SuppressWarnings("unchecked")
  public static <T extends Message> T with(T obj, ObjectMeta meta) {
    return (T) obj.toBuilder().setField(metadataField(obj), meta).build();
  }

  public static ObjectKey key(MessageOrBuilder obj) {
    ObjectMeta m = of(obj);
    return new ObjectKey(m.getNamespace(), m.getName());
  }

  /** metadata.resourceVersion as a number; 0 when unset. */
  public static long resourceVersion(MessageOrBuilder obj) {
    String rv = of(obj).getResourceVersion();
    return rv.isEmpty() ? 0 : Long.parseLong(rv);
  }

  private static FieldDescriptor metadataField(MessageOrBuilder obj) {
    FieldDescriptor f = obj.getDescriptorForType().findFieldByName("metadata");
    if (f == null || f.getMessageType() != ObjectMeta.getDescriptor()) {
      throw new IllegalArgumentException(obj.getDescriptorForType().getFullName() + " has no ObjectMeta metadata");
    }
    return f;
  }
}
