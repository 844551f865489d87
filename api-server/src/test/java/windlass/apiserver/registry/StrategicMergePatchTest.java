package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Descriptors.Descriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.client.codec.Json;

class StrategicMergePatchTest {
  private static final Descriptor POD = V1.Pod.getDescriptor();
  private static final Descriptor DEPLOYMENT = V1Apps.Deployment.getDescriptor();

  static Stream<Arguments> cases() {
    return Stream.of(
        // kubectl docs "Update API Objects in Place": a container is added by name, the new one first.
        Arguments.of("containers merge by name (kubectl patch docs)", DEPLOYMENT,
            "{'spec':{'template':{'spec':{'containers':[{'name':'patch-demo-ctr','image':'nginx'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'patch-demo-ctr-2','image':'redis'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'patch-demo-ctr-2','image':'redis'},"
                + "{'name':'patch-demo-ctr','image':'nginx'}]}}}}"),
        Arguments.of("tolerations have no strategy: replaced (kubectl patch docs)", DEPLOYMENT,
            "{'spec':{'template':{'spec':{'tolerations':[{'effect':'NoSchedule','key':'dedicated','value':'test-team'}]}}}}",
            "{'spec':{'template':{'spec':{'tolerations':[{'effect':'NoSchedule','key':'disktype','value':'ssd'}]}}}}",
            "{'spec':{'template':{'spec':{'tolerations':[{'effect':'NoSchedule','key':'disktype','value':'ssd'}]}}}}"),
        Arguments.of("$retainKeys clears what the strategy change leaves behind (kubectl patch docs)", DEPLOYMENT,
            "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
            "{'spec':{'strategy':{'type':'Recreate'}}}"),
        Arguments.of("a matching item is merged in place", POD,
            "{'spec':{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y:1'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'y:2'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y:2'}]}}"),
        Arguments.of("$patch: delete removes a list item by merge key", POD,
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'b','$patch':'delete'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'x'}]}}"),
        Arguments.of("$patch: replace as a list item replaces the whole list", POD,
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'},{'$patch':'replace'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'}]}}"),
        Arguments.of("$patch: replace on a map replaces the map", POD,
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
            "{'metadata':{'labels':{'c':'3'}}}"),
        Arguments.of("$patch: delete on a map removes it", POD,
            "{'spec':{'nodeSelector':{'a':'1'},'nodeName':'n'}}",
            "{'spec':{'nodeSelector':{'$patch':'delete'}}}",
            "{'spec':{'nodeName':'n'}}"),
        Arguments.of("null deletes a field, nested fields merge", POD,
            "{'spec':{'containers':[{'name':'a','image':'x','workingDir':'/w','env':[{'name':'A','value':'1'}]}]}}",
            "{'spec':{'containers':[{'name':'a','workingDir':null,'env':[{'name':'B','value':'2'}]}]}}",
            "{'spec':{'containers':[{'name':'a','image':'x','env':[{'name':'B','value':'2'},{'name':'A','value':'1'}]}]}}"),
        Arguments.of("container ports merge by containerPort", POD,
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':443}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'TCP'},"
                + "{'containerPort':443}]}]}}"),
        Arguments.of("finalizers merge as a set", POD,
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b','c']}}",
            "{'metadata':{'finalizers':['a','b','c']}}"),
        Arguments.of("$deleteFromPrimitiveList removes values", POD,
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{'metadata':{'finalizers':['a','c']}}"),
        Arguments.of("$setElementOrder orders the merged list", POD,
            "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'b'},{'name':'a'}],"
                + "'containers':[{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'c'},{'name':'b','image':'y'},{'name':'a'}]}}"),
        Arguments.of("ownerReferences merge by uid", POD,
            "{'metadata':{'ownerReferences':[{'uid':'1','name':'x'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'2','name':'y'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'2','name':'y'},{'uid':'1','name':'x'}]}}"),
        Arguments.of("status conditions merge by type", POD,
            "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'PodScheduled','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'PodScheduled','status':'True'}]}}"),
        Arguments.of("a list field new to the object still honours directives", POD,
            "{'spec':{}}",
            "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','$patch':'delete'}]}}",
            "{'spec':{'volumes':[{'name':'v','emptyDir':{}}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patchesAsUpstream(String name, Descriptor type, String original, String patch, String expected) {
    Object out = StrategicMergePatch.apply(json(original), json(patch), type);
    assertEquals(json(expected), out);
  }

  @Test
  void anUnknownDirectiveOrAMissingMergeKeyIsAnError() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StrategicMergePatch.apply(
        json("{'spec':{}}"), json("{'spec':{'$patch':'bogus'}}"), POD));
    assertEquals("Unknown patch type: bogus in map: {\"$patch\":\"bogus\"}", unknown.getMessage());
    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> StrategicMergePatch.apply(
        json("{'spec':{}}"), json("{'spec':{'containers':[{'image':'x'}]}}"), POD));
    assertEquals("map: {\"image\":\"x\"} does not contain declared merge key: name", noKey.getMessage());
  }

  @Test
  void theInputsAreNotModified() {
    Object original = json("{'spec':{'containers':[{'name':'a','image':'x'}]}}");
    Object patch = json("{'spec':{'containers':[{'name':'a','image':'y'}]}}");
    StrategicMergePatch.apply(original, patch, POD);
    assertEquals(json("{'spec':{'containers':[{'name':'a','image':'x'}]}}"), original);
  }

  @Test
  void everyStrategyInTheTableNamesARealField() {
    List<com.google.protobuf.Descriptors.FileDescriptor> files =
        List.of(V1.getDescriptor(), V1Apps.getDescriptor(), Meta.getDescriptor());
    for (String entry : PatchStrategies.entries()) {
      String message = entry.substring(0, entry.lastIndexOf('.'));
      String field = entry.substring(entry.lastIndexOf('.') + 1);
      Descriptor d = files.stream().map(f -> f.findMessageTypeByName(message.substring(message.lastIndexOf('.') + 1)))
          .filter(x -> x != null && x.getFullName().equals(message)).findFirst().orElse(null);
      assertNotNull(d, entry + ": no such message");
      assertNotNull(d.findFieldByName(field), entry + ": no such field");
    }
  }

  private static Object json(String singleQuoted) {
    return Json.parse(singleQuoted.replace('\'', '"'));
  }
}
