package windlass.apiserver.registry.core;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import windlass.apiserver.registry.ListQuery;
import windlass.apiserver.registry.ResourceStore;
import windlass.client.ApiException;
import windlass.client.FieldError;
import windlass.client.Kinds;

/**
 * Allocates a Service's cluster IP from the service CIDR (10.96.0.0/12 as kubeadm's default; .1 is left for the
 * {@code kubernetes} service) and node ports from 30000-32767, as upstream's allocators, by looking at the services
 * stored. Allocation and create are serialised here so two creates never get the same address.
 */
public final class ServiceAllocator {
  private static final long BASE = ipv4("10.96.0.0");
  private static final int PREFIX = 12;
  private static final int NODE_PORT_MIN = 30000;
  private static final int NODE_PORT_MAX = 32767;

  private final ResourceStore services;
  private final RandomGenerator random;

  public ServiceAllocator(ResourceStore services, RandomGenerator random) {
    this.services = services;
    this.random = random;
  }

  public synchronized Message create(Message obj, boolean dryRun) {
    V1.Service svc = (V1.Service) services.strategy().defaults(obj);
    V1.ServiceSpec.Builder s = svc.getSpec().toBuilder();
    List<V1.Service> existing = services.list(ListQuery.all("")).items().stream().map(V1.Service.class::cast).toList();
    if (!s.getType().equals("ExternalName")) {
      Set<String> usedIps = new HashSet<>();
      existing.forEach(e -> usedIps.add(e.getSpec().getClusterIP()));
      String ip = s.getClusterIP();
      if (ip.isEmpty()) {
        ip = freeIp(usedIps);
      } else if (!ip.equals("None")) {
        checkRequestedIp(ip, usedIps, svc.getMetadata().getName());
      }
      s.setClusterIP(ip).clearClusterIPs().addClusterIPs(ip);
      if (s.getIpFamiliesCount() == 0) {
        s.addIpFamilies("IPv4");
      }
      if (!s.hasIpFamilyPolicy()) {
        s.setIpFamilyPolicy("SingleStack");
      }
    }
    if (s.getType().equals("NodePort") || s.getType().equals("LoadBalancer")) {
      Set<Integer> usedPorts = new HashSet<>();
      existing.forEach(e -> e.getSpec().getPortsList().forEach(p -> usedPorts.add(p.getNodePort())));
      for (int i = 0; i < s.getPortsCount(); i++) {
        V1.ServicePort p = s.getPorts(i);
        if (p.getNodePort() == 0) {
          int port = freeNodePort(usedPorts);
          usedPorts.add(port);
          s.setPorts(i, p.toBuilder().setNodePort(port));
        } else {
          checkNodePort(p.getNodePort(), usedPorts, svc.getMetadata().getName(), i);
          usedPorts.add(p.getNodePort());
        }
      }
    }
    return services.create(svc.toBuilder().setSpec(s).build(), dryRun);
  }

  /**
   * An update: a service that becomes NodePort/LoadBalancer (or gains ports) gets node ports, kept ones stay, and a
   * requested one must be free and in range, as on create.
   */
  public synchronized Message update(Message obj, boolean dryRun) {
    V1.Service svc = (V1.Service) services.strategy().defaults(obj);
    V1.ServiceSpec.Builder s = svc.getSpec().toBuilder();
    if (s.getType().equals("NodePort") || s.getType().equals("LoadBalancer")) {
      String ns = svc.getMetadata().getNamespace();
      String name = svc.getMetadata().getName();
      V1.Service old = (V1.Service) services.find(ns, name).orElse(null);
      Set<Integer> mine = new HashSet<>();
      if (old != null) {
        old.getSpec().getPortsList().forEach(p -> mine.add(p.getNodePort()));
      }
      Set<Integer> usedPorts = new HashSet<>();
      for (Message m : services.list(ListQuery.all("")).items()) {
        V1.Service e = (V1.Service) m;
        if (!(e.getMetadata().getNamespace().equals(ns) && e.getMetadata().getName().equals(name))) {
          e.getSpec().getPortsList().forEach(p -> usedPorts.add(p.getNodePort()));
        }
      }
      for (int i = 0; i < s.getPortsCount(); i++) {
        V1.ServicePort p = s.getPorts(i);
        if (p.getNodePort() == 0) {
          V1.ServicePort kept = old == null ? null : old.getSpec().getPortsList().stream()
              .filter(q -> q.getPort() == p.getPort() && q.getProtocol().equals(p.getProtocol()) && q.getNodePort() != 0)
              .findFirst().orElse(null);
          int port = kept != null ? kept.getNodePort() : freeNodePort(usedPorts);
          usedPorts.add(port);
          s.setPorts(i, p.toBuilder().setNodePort(port));
        } else if (!mine.contains(p.getNodePort())) {
          checkNodePort(p.getNodePort(), usedPorts, name, i);
          usedPorts.add(p.getNodePort());
        }
      }
    }
    return services.update(svc.toBuilder().setSpec(s).build(), dryRun);
  }

  private static void checkNodePort(int port, Set<Integer> used, String name, int index) {
    String path = "spec.ports[" + index + "].nodePort";
    if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
      throw ApiException.invalid(Kinds.SERVICE, name, List.of(FieldError.invalid(path, port,
          "provided port is not in the valid range. The range of valid ports is " + NODE_PORT_MIN + "-"
              + NODE_PORT_MAX)));
    }
    if (used.contains(port)) {
      throw ApiException.invalid(Kinds.SERVICE, name, List.of(FieldError.invalid(path, port,
          "provided port is already allocated")));
    }
  }

  private String freeIp(Set<String> used) {
    long size = 1L << (32 - PREFIX);
    for (int attempt = 0; attempt < 64; attempt++) {
      long offset = 2 + random.nextLong(size - 3);
      String ip = ipv4(BASE + offset);
      if (!used.contains(ip)) {
        return ip;
      }
    }
    for (long offset = 2; offset < size - 1; offset++) {
      String ip = ipv4(BASE + offset);
      if (!used.contains(ip)) {
        return ip;
      }
    }
    throw ApiException.internal("failed to allocate a serviceIP: range is full");
  }

  private static void checkRequestedIp(String ip, Set<String> used, String name) {
    long v;
    try {
      v = ipv4(ip);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(Kinds.SERVICE, name, List.of(FieldError.invalid("spec.clusterIPs[0]", ip,
          "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")));
    }
    if ((v >>> (32 - PREFIX)) != (BASE >>> (32 - PREFIX))) {
      throw ApiException.invalid(Kinds.SERVICE, name, List.of(new FieldError(FieldError.Type.INVALID, "spec.clusterIPs",
          "[]string{\"" + ip + "\"}", "failed to allocate IP " + ip + ": the provided IP (" + ip + ") is not in the valid range. The "
          + "range of valid IPs is 10.96.0.0/12")));
    }
    if (used.contains(ip)) {
      throw ApiException.invalid(Kinds.SERVICE, name, List.of(new FieldError(FieldError.Type.INVALID, "spec.clusterIPs",
          "[]string{\"" + ip + "\"}", "failed to allocate IP " + ip + ": provided IP is already allocated")));
    }
  }

  private int freeNodePort(Set<Integer> used) {
    int span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    int start = random.nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = NODE_PORT_MIN + (start + i) % span;
      if (!used.contains(port)) {
        return port;
      }
    }
    throw ApiException.internal("failed to allocate a nodePort: range is full");
  }

  private static long ipv4(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException(ip);
    }
    long v = 0;
    for (String p : parts) {
      int octet = Integer.parseInt(p);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException(ip);
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  private static String ipv4(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }
}
