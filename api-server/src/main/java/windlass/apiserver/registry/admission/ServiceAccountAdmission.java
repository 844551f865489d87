package windlass.apiserver.registry.admission;

import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.ResourceStore;
import windlass.client.ApiException;
import windlass.client.Kinds;

/**
 * upstream's ServiceAccount admission, for pod creates: {@code serviceAccountName} defaults to "default", the account
 * must exist, and its imagePullSecrets are copied to a pod that names none. Mirror pods may reference neither
 * accounts nor secrets and are otherwise left alone. Not done: the projected token volume (kube-api-access-*).
 */
final class ServiceAccountAdmission {
  static final String DEFAULT = "default";
  private static final String MIRROR = "kubernetes.io/config.mirror";

  private final ResourceStore serviceAccounts;

  ServiceAccountAdmission(ResourceStore serviceAccounts) {
    this.serviceAccounts = serviceAccounts;
  }

  V1.Pod admit(V1.Pod pod) {
    ObjectMeta m = pod.getMetadata();
    String name = m.getName().isEmpty() ? m.getGenerateName() : m.getName();
    if (m.containsAnnotations(MIRROR)) {
      if (!pod.getSpec().getServiceAccountName().isEmpty()) {
        throw ApiErrors.forbidden(Kinds.POD, name, "a mirror pod may not reference service accounts");
      }
      if (pod.getSpec().getVolumesList().stream().anyMatch(v -> v.getVolumeSource().hasSecret())) {
        throw ApiErrors.forbidden(Kinds.POD, name, "a mirror pod may not reference secrets");
      }
      return pod;
    }
    V1.Pod.Builder b = pod.toBuilder();
    if (b.getSpec().getServiceAccountName().isEmpty()) {
      b.getSpecBuilder().setServiceAccountName(DEFAULT);
    }
    String sa = b.getSpec().getServiceAccountName();
    V1.ServiceAccount account = (V1.ServiceAccount) serviceAccounts.findCurrent(m.getNamespace(), sa).orElseThrow(() ->
        ApiErrors.forbidden(Kinds.POD, name, "error looking up service account " + m.getNamespace() + "/" + sa
            + ": serviceaccount \"" + sa + "\" not found"));
    if (b.getSpec().getImagePullSecretsCount() == 0) {
      b.getSpecBuilder().addAllImagePullSecrets(account.getImagePullSecretsList());
    }
    return b.build();
  }

  /** What upstream's serviceaccounts-controller keeps: a "default" account in every namespace. */
  void ensureDefault(String namespace) {
    if (serviceAccounts.find(namespace, DEFAULT).isPresent()) {
      return;
    }
    try {
      serviceAccounts.create(V1.ServiceAccount.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName(DEFAULT).setNamespace(namespace)).build(), false);
    } catch (ApiException e) {
      if (e.code() != io.grpc.Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }
}
