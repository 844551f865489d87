package windlass.apiserver.registry.rbac;

import io.kubernetes.client.proto.V1Rbac;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.GoValues;
import windlass.client.FieldError;

/** upstream rbac validation shared by the four kinds: names, policy rules, role references and subjects. */
final class Rbac {
  static final String GROUP = "rbac.authorization.k8s.io";

  private Rbac() {}

  /** upstream ValidateRBACName: a path segment. */
  static List<String> name(String name) {
    List<String> errs = new ArrayList<>();
    if (name.equals(".") || name.equals("..")) {
      errs.add("may not be '" + name + "'");
    }
    for (String bad : List.of("/", "%")) {
      if (name.contains(bad)) {
        errs.add("may not contain '" + bad + "'");
      }
    }
    return errs;
  }

  static List<FieldError> rules(List<V1Rbac.PolicyRule> rules, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      V1Rbac.PolicyRule r = rules.get(i);
      String at = "rules[" + i + "]";
      if (r.getVerbsCount() == 0) {
        errs.add(FieldError.required(at + ".verbs", "verbs must contain at least one value"));
      }
      if (r.getNonResourceURLsCount() > 0) {
        String urls = GoValues.strings(r.getNonResourceURLsList());
        if (namespaced) {
          errs.add(new FieldError(FieldError.Type.INVALID, at + ".nonResourceURLs", urls,
              "namespaced rules cannot apply to non-resource URLs"));
        }
        if (r.getApiGroupsCount() > 0 || r.getResourcesCount() > 0 || r.getResourceNamesCount() > 0) {
          errs.add(new FieldError(FieldError.Type.INVALID, at + ".nonResourceURLs", urls,
              "rules cannot apply to both regular resources and non-resource URLs"));
        }
        continue;
      }
      if (r.getApiGroupsCount() == 0) {
        errs.add(FieldError.required(at + ".apiGroups", "resource rules must supply at least one api group"));
      }
      if (r.getResourcesCount() == 0) {
        errs.add(FieldError.required(at + ".resources", "resource rules must supply at least one resource"));
      }
    }
    return errs;
  }

  static V1Rbac.RoleRef defaultRoleRef(V1Rbac.RoleRef ref) {
    return ref.getApiGroup().isEmpty() ? ref.toBuilder().setApiGroup(GROUP).build() : ref;
  }

  static List<V1Rbac.Subject> defaultSubjects(List<V1Rbac.Subject> subjects) {
    List<V1Rbac.Subject> out = new ArrayList<>(subjects.size());
    for (V1Rbac.Subject s : subjects) {
      if (s.getApiGroup().isEmpty() && (s.getKind().equals("User") || s.getKind().equals("Group"))) {
        s = s.toBuilder().setApiGroup(GROUP).build();
      }
      out.add(s);
    }
    return out;
  }

  /** upstream's roleRef and subject checks; {@code kinds}: the role kinds the binding may name. */
  static List<FieldError> binding(V1Rbac.RoleRef ref, List<V1Rbac.Subject> subjects, List<String> kinds,
      boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    if (!ref.getApiGroup().equals(GROUP)) {
      errs.add(FieldError.notSupported("roleRef.apiGroup", ref.getApiGroup(), List.of(GROUP)));
    }
    if (!kinds.contains(ref.getKind())) {
      errs.add(FieldError.notSupported("roleRef.kind", ref.getKind(), kinds));
    }
    if (ref.getName().isEmpty()) {
      errs.add(FieldError.required("roleRef.name", ""));
    } else {
      for (String msg : name(ref.getName())) {
        errs.add(FieldError.invalid("roleRef.name", ref.getName(), msg));
      }
    }
    for (int i = 0; i < subjects.size(); i++) {
      errs.addAll(subject(subjects.get(i), namespaced, "subjects[" + i + "]"));
    }
    return errs;
  }

  private static List<FieldError> subject(V1Rbac.Subject s, boolean namespaced, String at) {
    List<FieldError> errs = new ArrayList<>();
    if (s.getName().isEmpty()) {
      errs.add(FieldError.required(at + ".name", ""));
    }
    switch (s.getKind()) {
      case "ServiceAccount" -> {
        if (!s.getName().isEmpty()) {
          for (String msg : windlass.client.validation.NameFormats.dns1123Subdomain(s.getName())) {
            errs.add(FieldError.invalid(at + ".name", s.getName(), msg));
          }
        }
        if (!s.getApiGroup().isEmpty()) {
          errs.add(FieldError.notSupported(at + ".apiGroup", s.getApiGroup(), List.of("")));
        }
        if (!namespaced && s.getNamespace().isEmpty()) {
          errs.add(FieldError.required(at + ".namespace", ""));
        }
      }
      case "User", "Group" -> {
        if (!s.getApiGroup().equals(GROUP)) {
          errs.add(FieldError.notSupported(at + ".apiGroup", s.getApiGroup(), List.of(GROUP)));
        }
      }
      default -> errs.add(FieldError.notSupported(at + ".kind", s.getKind(),
          List.of("ServiceAccount", "User", "Group")));
    }
    return errs;
  }

  /** upstream: a binding's roleRef may not change ("cannot change roleRef"). */
  static List<FieldError> roleRefUnchanged(V1Rbac.RoleRef now, V1Rbac.RoleRef old) {
    if (now.equals(old)) {
      return List.of();
    }
    String value = "rbac.RoleRef{APIGroup:" + GoValues.quote(now.getApiGroup()) + ", Kind:"
        + GoValues.quote(now.getKind()) + ", Name:" + GoValues.quote(now.getName()) + "}";
    return List.of(new FieldError(FieldError.Type.INVALID, "roleRef", value, "cannot change roleRef"));
  }
}
