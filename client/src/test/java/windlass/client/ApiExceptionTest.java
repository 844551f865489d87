package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {
  @Test
  void wordsErrorsAsUpstream() {
    assertEquals("pods \"web\" not found", ApiException.notFound(Kinds.POD, "web").getMessage());
    assertEquals("deployments.apps \"web\" already exists",
        ApiException.alreadyExists(Kinds.DEPLOYMENT, "web").getMessage());
    assertEquals("Operation cannot be fulfilled on pods \"web\": the object has been modified; please apply your "
        + "changes to the latest version and try again", ApiException.conflictModified(Kinds.POD, "web").getMessage());
    ApiException one = ApiException.invalid(Kinds.POD, "web",
        List.of(FieldError.required("spec.containers[0].image", "")));
    assertEquals("Pod \"web\" is invalid: spec.containers[0].image: Required value", one.getMessage());
    ApiException two = ApiException.invalid(Kinds.DEPLOYMENT, "web", List.of(
        FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0"),
        FieldError.invalid("metadata.name", "Web", "a lowercase RFC 1123 subdomain")));
    assertEquals("Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, "
        + "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain]", two.getMessage());
    assertEquals(422, two.status().getCode());
    assertEquals("FieldValueInvalid", two.causes().get(0).getReason());
  }

  @Test
  void survivesTheTripOverGrpc() {
    ApiException sent = ApiException.conflictModified(Kinds.DEPLOYMENT, "web");
    ApiException got = ApiException.from(sent.toGrpc());
    assertEquals(Code.ABORTED, got.code());
    assertEquals("Conflict", got.reason());
    assertEquals(409, got.status().getCode());
    assertEquals(sent.getMessage(), got.getMessage());
  }

  @Test
  void makesAStatusForPlainGrpcErrors() {
    ApiException got = ApiException.from(io.grpc.Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
    assertEquals(Code.UNAVAILABLE, got.code());
    assertEquals("ServiceUnavailable", got.reason());
    assertEquals("the server is unavailable: io exception", got.getMessage());
  }
}
