package windlass.kubectl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import windlass.client.codec.ObjectCodec;
import windlass.client.codec.Yaml;

class DeploymentGeneratorTest {
  @Test
  void buildsTheObjectUpstreamBuilds() {
    V1Apps.Deployment d = DeploymentGenerator.generate("web", "", List.of("registry.local:5000/team/nginx:1.27"), 3,
        8080, List.of(), new Random(1));
    // what `kubectl create deployment web --image=registry.local:5000/team/nginx:1.27 --replicas=3 --port=8080
    //  --dry-run=client -o yaml` prints, less the creationTimestamp: null lines (no such thing as a null in proto)
    assertEquals("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            app: web
          name: web
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          strategy: {}
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - image: registry.local:5000/team/nginx:1.27
                name: nginx
                ports:
                - containerPort: 8080
                resources: {}
        status: {}
        """, Yaml.print(Yaml.sorted(ObjectCodec.toObjectTree(d, "apps/v1", "Deployment"))));
  }

  @Test
  void commandGoesToEveryContainersCommand() {
    V1Apps.Deployment d = DeploymentGenerator.generate("sleeper", "team", List.of("busybox"), 1, -1,
        List.of("sleep", "3600"), new Random(1));
    assertEquals(List.of("sleep", "3600"), d.getSpec().getTemplate().getSpec().getContainers(0).getCommandList());
    assertEquals(0, d.getSpec().getTemplate().getSpec().getContainers(0).getPortsCount());
    assertEquals("team", d.getMetadata().getNamespace());
    assertEquals(Map.of("app", "sleeper"), d.getSpec().getSelector().getMatchLabelsMap());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "nginx, nginx",
      "nginx:1.27, nginx",
      "docker.io/library/nginx:latest, nginx",
      "localhost:5000/nginx, nginx",
      "gcr.io/google-samples/kubernetes-bootcamp:v1, kubernetes-bootcamp",
      "nginx@sha256:0123456789abcdef, nginx",
      "quay.io/org/app:v1@sha256:0123, app",
  })
  void containerIsNamedAfterTheImage(String image, String name) {
    assertEquals(name, DeploymentGenerator.containerName(image, new Random(1)));
  }

  @Test
  void dotsAndUnderscoresBecomeDashesPlusARandomSuffix() {
    String n = DeploymentGenerator.containerName("registry/my_app.v2:1", new Random(7));
    assertTrue(n.matches("my-app-v2-[bcdfghjklmnpqrstvwxz2456789]{5}"), n);
  }
}
