package windlass.apiserver.registry;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import windlass.client.FieldError;
import windlass.client.Kind;

/**
 * A strategy over the upstream message type {@code T}: the status subresource handled through the descriptor's
 * {@code spec} and {@code status} fields, typed hooks for the rest. Kinds override what upstream does for them.
 */
public abstract class BaseStrategy<T extends Message> implements Strategy {
  private final Kind kind;
  private final Class<T> type;
  private final Function<String, List<String>> nameFormat;

  protected BaseStrategy(Kind kind, Class<T> type, Function<String, List<String>> nameFormat) {
    this.kind = kind;
    this.type = type;
    this.nameFormat = nameFormat;
  }

  @Override
  public final Kind kind() {
    return kind;
  }

  /** upstream maskTrailingDash: a generateName may end in '-', the generated suffix follows it. */
  @Override
  public List<String> validateName(String name, boolean prefix) {
    String n = prefix && name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 1) + "a" : name;
    return nameFormat.apply(n);
  }

  protected T cast(Message m) {
    return type.cast(m);
  }

  // ---- typed hooks ----

  protected T applyDefaults(T obj) {
    return obj;
  }

  protected T resetForCreate(T obj) {
    return kind.hasStatus() ? clear(obj, "status") : obj;
  }

  protected List<FieldError> check(T obj) {
    return List.of();
  }

  protected List<FieldError> checkUpdate(T obj, T old) {
    return List.of();
  }

  protected Message statusUpdate(T obj, T old) {
    return copyField(obj, old, "status");
  }

  // ---- Strategy ----

  @Override
  public final Message defaults(Message obj) {
    return applyDefaults(cast(obj));
  }

  @Override
  public final Message prepareForCreate(Message obj) {
    return resetForCreate(cast(obj));
  }

  @Override
  public final List<FieldError> validate(Message obj) {
    return check(cast(obj));
  }

  @Override
  public Message prepareForUpdate(Message obj, Message old) {
    return kind.hasStatus() ? copyField(old, obj, "status") : obj;
  }

  @Override
  public final List<FieldError> validateUpdate(Message obj, Message old) {
    return checkUpdate(cast(obj), cast(old));
  }

  @Override
  public final Message prepareForStatusUpdate(Message obj, Message old) {
    return statusUpdate(cast(obj), cast(old));
  }

  @Override
  public boolean generationChanged(Message obj, Message old) {
    FieldDescriptor spec = obj.getDescriptorForType().findFieldByName("spec");
    return spec != null && !obj.getField(spec).equals(old.getField(spec));
  }

  /** {@code into} with field {@code name} taken from {@code from} (cleared when {@code from} has none). */
  @SuppressWarnings("unchecked")
  protected static <M extends Message> M copyField(M from, M into, String name) {
    FieldDescriptor f = into.getDescriptorForType().findFieldByName(name);
    if (f == null) {
      return into;
    }
    Message.Builder b = into.toBuilder();
    if (from.hasField(f)) {
      b.setField(f, from.getField(f));
    } else {
      b.clearField(f);
    }
    return (M) b.build();
  }

  @SuppressWarnings("unchecked")
  protected static <M extends Message> M clear(M obj, String name) {
    FieldDescriptor f = obj.getDescriptorForType().findFieldByName(name);
    return f == null ? obj : (M) obj.toBuilder().clearField(f).build();
  }

  protected static List<FieldError> join(List<FieldError> a, List<FieldError> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<FieldError> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
