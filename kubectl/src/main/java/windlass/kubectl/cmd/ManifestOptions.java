package windlass.kubectl.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import windlass.kubectl.Environment;
import windlass.kubectl.manifests.FieldValidation;
import windlass.kubectl.manifests.ManifestObject;
import windlass.kubectl.manifests.ManifestReader;

/** The {@code -f/-R/--validate} flags create and apply share. */
public final class ManifestOptions {
  @Option(names = {"-f", "--filename"}, description = "Files, directories or - (stdin) with the objects.")
  List<String> files = new ArrayList<>();

  @Option(names = {"-R", "--recursive"}, description = "Process the directories of -f recursively.")
  boolean recursive;

  @Option(names = "--validate", arity = "0..1", fallbackValue = "strict",
      description = "strict/true (default): unknown fields are errors; warn: warnings; ignore/false: dropped.")
  String validate = "strict";

  List<ManifestObject> read(Environment env, String verb) {
    return new ManifestReader(env.in(), recursive, FieldValidation.parse(validate), env.err()).read(files, verb);
  }
}
