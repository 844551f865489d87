package windlass.kubectl;

import picocli.CommandLine;

/** picocli's parse errors reworded as upstream's cobra words them ("unknown flag: --foo", "unknown command ..."). */
final class ParseErrors {
  private ParseErrors() {}

  static String upstreamWording(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (first.startsWith("-")) {
        String flag = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        return flag.startsWith("--") ? "unknown flag: " + flag : "unknown shorthand flag: '"
            + flag.substring(1, Math.min(2, flag.length())) + "' in " + first;
      }
      if (ex.getCommandLine().getParent() == null) {
        return "unknown command \"" + first + "\" for \"kubectl\"";
      }
    }
    if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().stream().allMatch(a -> a.isOption())) {
      return "required flag(s) " + String.join(", ", m.getMissing().stream()
          .map(a -> "\"" + ((CommandLine.Model.OptionSpec) a).longestName().replaceFirst("^-+", "") + "\"").toList())
          + " not set";
    }
    return ex.getMessage();
  }
}
