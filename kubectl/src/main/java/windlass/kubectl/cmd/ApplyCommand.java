package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectMetas;
import windlass.client.ResourceClient;
import windlass.client.codec.CodecException;
import windlass.client.codec.Json;
import windlass.client.codec.ObjectCodec;
import windlass.kubectl.CommandException;
import windlass.kubectl.ErrorMessages;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Session;
import windlass.kubectl.manifests.ApplyMerge;
import windlass.kubectl.manifests.LastApplied;
import windlass.kubectl.manifests.ManifestObject;

/**
 * {@code apply -f FILE}: creates what does not exist yet, updates what differs from the manifests ("configured"),
 * leaves the rest ("unchanged"). Every document is decoded before anything is sent. The manifest is recorded in the
 * last-applied-configuration annotation, so a later apply removes what was dropped from the file.
 */
@Command(name = "apply", description = "Apply a configuration to a resource by file name or stdin.")
public final class ApplyCommand implements Callable<Integer> {
  static final int CONFLICT_RETRIES = 5;

  @ParentCommand
  Kubectl root;

  @Mixin
  ManifestOptions manifests = new ManifestOptions();

  @Option(names = {"-o", "--output"}, description = "name: print kind/name only.")
  String output = "";

  @Override
  public Integer call() {
    if (manifests.files.isEmpty()) {
      throw CommandException.lines(List.of("error: must specify one of -f and -k"));
    }
    List<ManifestObject> objects = manifests.read(root.env(), "apply");
    Session session = root.session();
    for (ManifestObject m : objects) {
      if (m.name().isEmpty()) {
        throw CommandException.error("from " + m.source() + ": cannot use generate name with apply");
      }
    }
    List<String> namespaces = Namespaces.of(objects, session);
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      ManifestObject m = objects.get(i);
      ResourceClient<Message> rc = session.client().resource(m.kind(), namespaces.get(i));
      try {
        String what = apply(rc, m, namespaces.get(i));
        Outcome.print(root.env().out(), output, m.kind(), m.object(), what);
      } catch (Failure f) {
        errors.addAll(ErrorMessages.of(f.error, f.verb, m.source()));
      }
    }
    if (!errors.isEmpty()) {
      throw CommandException.lines(errors);
    }
    return 0;
  }

  /** An API error and what apply was doing when it happened. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ApiException error;
    final String verb;

    Failure(ApiException error, String verb) {
      super(error);
      this.error = error;
      this.verb = verb;
    }
  }

  /** Returns "created", "configured" or "unchanged". */
  private String apply(ResourceClient<Message> rc, ManifestObject m, String namespace) {
    String config = LastApplied.of(m.tree(), namespace);
    Message desired = withAnnotation(m.object(), namespace, config);
    for (int attempt = 1; ; attempt++) {
      Message live;
      try {
        live = rc.get(m.name());
      } catch (ApiException e) {
        if (e.code() != Code.NOT_FOUND) {
          throw new Failure(e, "retrieving current configuration of");
        }
        try {
          rc.create(desired);
          return "created";
        } catch (ApiException ce) {
          throw new Failure(ce, "creating");
        }
      }
      Message merged = ApplyMerge.merge(live, desired, previous(live, m.kind()));
      if (merged.equals(live)) {
        return "unchanged";
      }
      try {
        rc.update(merged);
        return "configured";
      } catch (ApiException e) {
        if (e.code() != Code.ABORTED || attempt >= CONFLICT_RETRIES) {
          throw new Failure(e, "applying");
        }
      }
    }
  }

  /** The manifest's object as apply sends it: in its namespace (as recorded), with the last-applied annotation. */
  private static Message withAnnotation(Message obj, String namespace, String config) {
    Meta.ObjectMeta.Builder meta = ObjectMetas.of(obj).toBuilder().putAnnotations(LastApplied.ANNOTATION, config);
    if (!namespace.isEmpty()) {
      meta.setNamespace(namespace);
    }
    return ObjectMetas.with(obj, meta.build());
  }

  /** The object the previous apply recorded on the live one, or null (never applied, or unreadable). */
  private static Message previous(Message live, Kind kind) {
    String config = ObjectMetas.of(live).getAnnotationsMap().get(LastApplied.ANNOTATION);
    if (config == null || config.isBlank()) {
      return null;
    }
    try {
      Object tree = Json.parse(config.strip());
      List<String> ignored = new ArrayList<>();
      return tree instanceof Map<?, ?> ? ObjectCodec.fromTree(tree, kind.defaultInstance(), ignored::add) : null;
    } catch (CodecException e) {
      return null;
    }
  }
}
