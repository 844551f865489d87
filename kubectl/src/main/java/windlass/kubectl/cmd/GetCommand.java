package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.ListOptions;
import windlass.client.ResourceClient;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;
import windlass.kubectl.CommandException;
import windlass.kubectl.ErrorMessages;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Session;
import windlass.kubectl.printers.OutputFormat;
import windlass.kubectl.printers.Printer;
import windlass.kubectl.printers.Printers;
import windlass.kubectl.printers.TableOptions;

/** {@code get TYPE[,TYPE] [NAME...] | TYPE/NAME...}: list or fetch objects and print them. */
@Command(name = "get", description = "Display one or many resources.")
public final class GetCommand implements Callable<Integer> {
  @ParentCommand
  Kubectl root;

  @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...]")
  List<String> args = new ArrayList<>();

  @Option(names = {"-o", "--output"}, description = "Output format: wide, name, yaml or json.")
  String output;

  @Option(names = {"-A", "--all-namespaces"}, description = "List the requested objects across all namespaces.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, description = "Label selector, e.g. -l app=web,tier!=db.")
  String selector = "";

  @Option(names = "--field-selector", description = "Field selector, e.g. --field-selector status.phase=Running.")
  String fieldSelector = "";

  @Option(names = {"-w", "--watch"}, description = "After listing, watch for changes.")
  boolean watch;

  @Option(names = "--show-labels", description = "Show all labels as the last column.")
  boolean showLabels;

  @Option(names = "--no-headers", description = "Don't print headers.")
  boolean noHeaders;

  @Override
  public Integer call() throws InterruptedException {
    if (args.isEmpty()) {
      throw CommandException.lines(List.of(
          "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
              + "supported resources.",
          "",
          "error: Required resource not specified."));
    }
    OutputFormat format = OutputFormat.parse(output);
    List<ResourceRef> refs = ResourceArgs.parse(args);
    Session session = root.session();
    TableOptions table = new TableOptions(false, allNamespaces, ResourceArgs.multipleTypes(args, refs), showLabels,
        noHeaders);
    Printer printer = Printers.forFormat(format, root.env().out(), root.env().clock(), table,
        ResourceArgs.singleItem(refs) || watch);
    List<String> errors = new ArrayList<>();
    String listRv = "";
    int printed = 0;
    for (ResourceRef ref : refs) {
      ResourceClient<Message> rc = session.client().resource(ref.kind(), namespaceFor(session));
      if (ref.all()) {
        var list = rc.list(ListOptions.ALL.withLabelSelector(selector).withFieldSelector(fieldSelector));
        listRv = list.resourceVersion();
        printer.print(ref.kind(), list.items());
        printed += list.items().size();
      } else {
        List<Message> found = new ArrayList<>();
        for (String name : ref.names()) {
          try {
            Message obj = rc.get(name);
            found.add(obj);
            listRv = windlass.client.ObjectMetas.of(obj).getResourceVersion();
          } catch (ApiException e) {
            errors.addAll(ErrorMessages.of(e));
          }
        }
        printer.print(ref.kind(), found);
        printed += found.size();
      }
    }
    printer.finish();
    if (printed == 0 && errors.isEmpty() && printer.humanReadable()) {
      boolean allNamespaced = !allNamespaces && refs.stream().allMatch(r -> r.kind().namespaced());
      root.env().err().println(allNamespaced
          ? "No resources found in " + session.namespace() + " namespace."
          : "No resources found");
    }
    if (!errors.isEmpty()) {
      throw CommandException.lines(errors);
    }
    if (watch) {
      if (refs.size() != 1) {
        throw CommandException.error("you may only specify a single resource type");
      }
      watch(session, refs.get(0), listRv, printer);
    }
    return 0;
  }

  private String namespaceFor(Session session) {
    return allNamespaces ? "" : session.namespace();
  }

  /** Prints each change after the list until the stream ends (the server closes it) or kubectl is interrupted. */
  private void watch(Session session, ResourceRef ref, String fromRv, Printer printer) throws InterruptedException {
    ResourceClient<Message> rc = session.client().resource(ref.kind(), namespaceFor(session));
    ListOptions o = ListOptions.ALL.withLabelSelector(selector).withFieldSelector(
        ref.all() ? fieldSelector : "metadata.name=" + ref.names().get(0)).withResourceVersion(fromRv);
    CountDownLatch done = new CountDownLatch(1);
    ApiException[] failure = new ApiException[1];
    Watch w = rc.watch(o, new Watcher<>() {
      @Override
      public void onEvent(WatchEvent<Message> e) {
        if (e.type() != WatchEventType.BOOKMARK) {
          synchronized (printer) {
            printer.print(ref.kind(), List.of(e.object()));
            printer.finish();
          }
        }
      }

      @Override
      public void onClose(ApiException error) {
        failure[0] = error;
        done.countDown();
      }
    });
    try {
      done.await();
    } finally {
      w.close();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }
}
