package windlass.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.FieldError;
import windlass.client.Kinds;

class MainTest extends ClusterTest {

  @Test
  void namespaceFlagWorksAfterTheSubcommandToo() {
    pod("team", "web");
    pod("default", "other");
    assertEquals("web", cli.run("get", "pods", "-n", "team", "-o", "name").out().strip().replace("pod/", ""));
    assertEquals("pod/web\n", cli.run("-n", "team", "get", "pods", "-o", "name").out());
  }

  @Test
  void missingObjectIsAnUpstreamNotFoundErrorWithExitCode1() {
    Cli.Result r = cli.run("get", "pod", "x");
    assertEquals(1, r.code());
    assertEquals("Error from server (NotFound): pods \"x\" not found\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownTypeSaysTheServerDoesNotHaveIt() {
    Cli.Result r = cli.run("get", "foo");
    assertEquals(1, r.code());
    assertEquals("error: the server doesn't have a resource type \"foo\"\n", r.err());
  }

  @Test
  void emptyListSaysNoResourcesFoundOnStderr() {
    Cli.Result r = cli.run("get", "pods");
    assertEquals(0, r.code());
    assertEquals("", r.out());
    assertEquals("No resources found in default namespace.\n", r.err());
    assertEquals("No resources found\n", cli.run("get", "pods", "-A").err());
    assertEquals("No resources found\n", cli.run("get", "nodes").err());
  }

  @Test
  void unknownFlagAndCommandAreWordedAsUpstream() {
    Cli.Result r = cli.run("get", "pods", "--bogus");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: unknown flag: --bogus\n"), r.err());
    r = cli.run("frobnicate");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: unknown command \"frobnicate\" for \"kubectl\"\n"), r.err());
  }

  @Test
  void invalidObjectsAreReportedWithTheFieldPath() {
    server.validator(m -> ApiException.invalid(Kinds.DEPLOYMENT, "web", List.of(
        FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0"))));
    Cli.Result r = cli.run("create", "deployment", "web", "--image=nginx");
    assertEquals(1, r.code());
    assertEquals("The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal "
        + "to 0\n", r.err());
  }

  @Test
  void severalInvalidFieldsAreListed() {
    server.validator(m -> ApiException.invalid(Kinds.DEPLOYMENT, "web", List.of(
        FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0"),
        FieldError.required("spec.template.spec.containers[0].image", ""))));
    Cli.Result r = cli.run("create", "deployment", "web", "--image=nginx");
    assertEquals(1, r.code());
    assertEquals("""
        The Deployment "web" is invalid:\s
        * spec.replicas: Invalid value: -1: must be greater than or equal to 0
        * spec.template.spec.containers[0].image: Required value
        """, r.err());
  }

  @Test
  void missingRequiredFlagIsWordedAsUpstream() {
    Cli.Result r = cli.run("scale", "deployment", "web");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: required flag(s) \"replicas\" not set\n"), r.err());
  }

  @Test
  void everyCommandHasHelp() {
    Cli.Result r = cli.run("get", "-h");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Usage: kubectl get"), r.out());
    assertTrue(r.out().contains("--all-namespaces"), r.out());
  }

  @Test
  void versionPrintsClientAndServer() {
    Cli.Result r = cli.run("version");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Client Version: v1.32.0 (windlass "), r.out());
    assertTrue(r.out().endsWith("Server Version: v1.32.0 (windlass 0.1.0-test)\n"), r.out());
  }
}
