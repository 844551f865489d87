package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.V1;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** ServiceAccounts as upstream: DNS-1123 subdomain names; nothing else is validated. */
public final class ServiceAccountStrategy extends BaseStrategy<V1.ServiceAccount> {
  public ServiceAccountStrategy() {
    super(Kinds.SERVICE_ACCOUNT, V1.ServiceAccount.class, NameFormats::dns1123Subdomain);
  }
}
