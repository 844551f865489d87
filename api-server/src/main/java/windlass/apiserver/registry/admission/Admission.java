package windlass.apiserver.registry.admission;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import java.util.function.Supplier;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.registry.policy.DisruptionBudgets;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;

/**
 * The admission chain of the apiserver, in upstream's order, for what windlass enables by default beyond
 * NamespaceLifecycle (which the registry runs first): ServiceAccount, LimitRanger and Priority mutate pod creates
 * (Priority also keeps PriorityClasses to one globalDefault), then ResourceQuota admits the create and charges it. It also does, in-process, what upstream leaves to controllers
 * these plugins rely on: the {@code default} ServiceAccount of every namespace (serviceaccounts-controller), quota
 * status (resourcequota-controller) and PodDisruptionBudget status (disruption controller), refreshed on the writes
 * that change them.
 */
public final class Admission {
  private final Registry registry;
  private final ServiceAccountAdmission serviceAccounts;
  private final LimitRanger limitRanger;
  private final PriorityAdmission priority;
  private final ResourceQuotaAdmission quota;
  private final DisruptionBudgets budgets;

  public Admission(Registry registry, DisruptionBudgets budgets) {
    this.registry = registry;
    this.serviceAccounts = new ServiceAccountAdmission(registry.store(Kinds.SERVICE_ACCOUNT));
    this.limitRanger = new LimitRanger(registry.store(Kinds.LIMIT_RANGE));
    this.priority = new PriorityAdmission(registry.store(Kinds.PRIORITY_CLASS));
    this.quota = new ResourceQuotaAdmission(registry);
    this.budgets = budgets;
  }

  /** Admits a create and runs it ({@code store}: the store's create of the admitted object); returns the result. */
  public Message create(Kind kind, Message obj, boolean dryRun, java.util.function.UnaryOperator<Message> store) {
    Message admitted = obj;
    if (kind.equals(Kinds.POD)) {
      V1.Pod pod = (V1.Pod) registry.store(Kinds.POD).strategy().defaults(obj);
      admitted = priority.admit(limitRanger.admit(serviceAccounts.admit(pod)));
    } else if (kind.equals(Kinds.PRIORITY_CLASS)) {
      priority.admitClass(obj);
    }
    Message in = admitted;
    Supplier<Message> run = () -> store.apply(in);
    Message created = quota.create(kind, in, dryRun, run);
    if (!dryRun) {
      created(kind, created);
    }
    return created;
  }

  private void created(Kind kind, Message obj) {
    String ns = ObjectMetas.of(obj).getNamespace();
    if (kind.equals(Kinds.NAMESPACE)) {
      serviceAccounts.ensureDefault(ObjectMetas.of(obj).getName());
    } else if (kind.equals(Kinds.RESOURCE_QUOTA)) {
      quota.refresh(ns, kind);
    } else if (kind.equals(Kinds.POD_DISRUPTION_BUDGET)) {
      budgets.refresh(ns, ObjectMetas.of(obj).getName());
    } else if (kind.equals(Kinds.POD)) {
      budgets.refreshCovering((V1.Pod) obj);
    }
  }

  /** Admits a replace of {@code obj} before it is stored (Priority: one globalDefault PriorityClass). */
  public void update(Kind kind, Message obj) {
    if (kind.equals(Kinds.PRIORITY_CLASS)) {
      priority.admitClass(obj);
    }
  }

  /** Upstream's built-in PriorityClasses exist (at start). */
  public void ensureSystemPriorityClasses() {
    priority.ensureSystemClasses();
  }

  /** After an update or status update was stored: quota and budget status follow. */
  public void updated(Kind kind, Message obj) {
    String ns = ObjectMetas.of(obj).getNamespace();
    if (kind.equals(Kinds.RESOURCE_QUOTA)) {
      quota.refresh(ns, kind);
    } else if (kind.equals(Kinds.POD_DISRUPTION_BUDGET)) {
      budgets.refresh(ns, ObjectMetas.of(obj).getName());
    } else if (kind.equals(Kinds.POD)) {
      String phase = ((V1.Pod) obj).getStatus().getPhase();
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        quota.refresh(ns, kind); // terminal pods stop counting
      }
      budgets.refreshCovering((V1.Pod) obj);
    }
  }

  /** After an object was removed from storage. */
  public void removed(Kind kind, Message obj) {
    String ns = ObjectMetas.of(obj).getNamespace();
    if (!kind.namespaced() || ns.isEmpty()) {
      return;
    }
    quota.charge(ns, kind, obj, -1);
    if (kind.equals(Kinds.POD)) {
      budgets.refreshCovering((V1.Pod) obj);
    } else if (kind.equals(Kinds.SERVICE_ACCOUNT) && ObjectMetas.of(obj).getName().equals(ServiceAccountAdmission.DEFAULT)
        && registry.namespaceActive(ns)) {
      serviceAccounts.ensureDefault(ns); // the controller puts it back
    }
  }

  /** Every existing namespace gets its default ServiceAccount (at start: data dirs from before this existed). */
  public void ensureDefaultServiceAccounts() {
    for (Message ns : registry.store(Kinds.NAMESPACE).all("")) {
      if (registry.namespaceActive(ObjectMetas.of(ns).getName())) {
        serviceAccounts.ensureDefault(ObjectMetas.of(ns).getName());
      }
    }
  }
}
