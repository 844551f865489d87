package windlass.kubelet.pod;

import java.util.Map;

/**
 * Upstream's {@code $(VAR)} expansion in command, args and env values: {@code $(NAME)} becomes the variable's value
 * when it is defined (else it stays as written), {@code $$} escapes a literal {@code $(...)}.
 */
final class Expansion {
  private Expansion() {}

  static String expand(String input, Map<String, String> vars) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String v = vars.get(name);
        out.append(v != null ? v : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
