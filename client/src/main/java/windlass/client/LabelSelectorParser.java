package windlass.client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import windlass.client.LabelSelector.Operator;
import windlass.client.LabelSelector.Requirement;

/** The string form of a label selector, lexed and parsed as upstream's labels.Parse does. */
final class LabelSelectorParser {
  private enum Tok { IDENT, NOT, EQ, DOUBLE_EQ, NOT_EQ, GT, LT, OPEN, CLOSE, COMMA, IN, NOTIN, END }

  private record Token(Tok tok, String text) {}

  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  LabelSelectorParser(String input) {
    lex(input);
  }

  LabelSelector parse() {
    List<Requirement> rs = new ArrayList<>();
    if (peek().tok == Tok.END) {
      return LabelSelector.everything();
    }
    while (true) {
      rs.add(requirement());
      Token t = next();
      if (t.tok == Tok.END) {
        return LabelSelector.of(rs);
      }
      if (t.tok != Tok.COMMA) {
        throw error(t, "',' or end of selector");
      }
      if (peek().tok == Tok.END) {
        throw error(peek(), "identifier");
      }
    }
  }

  private Requirement requirement() {
    Token t = next();
    if (t.tok == Tok.NOT) {
      Token key = expect(Tok.IDENT, "identifier");
      LabelSelector.checkKey(key.text);
      return new Requirement(key.text, Operator.DOES_NOT_EXIST, List.of());
    }
    if (t.tok != Tok.IDENT) {
      throw error(t, "!, identifier");
    }
    String key = t.text;
    LabelSelector.checkKey(key);
    Token op = peek();
    switch (op.tok) {
      case END, COMMA:
        return new Requirement(key, Operator.EXISTS, List.of());
      case EQ, DOUBLE_EQ, NOT_EQ, GT, LT: {
        next();
        String value = isWord(peek()) ? next().text : "";
        if (peek().tok != Tok.END && peek().tok != Tok.COMMA) {
          throw error(peek(), "',' or end of selector");
        }
        Operator o = switch (op.tok) {
          case NOT_EQ -> Operator.NOT_EQUALS;
          case GT -> Operator.GREATER_THAN;
          case LT -> Operator.LESS_THAN;
          default -> Operator.EQUALS;
        };
        if (o == Operator.GREATER_THAN || o == Operator.LESS_THAN) {
          try {
            Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to parse requirement: for 'Gt', 'Lt' operators, the value must "
                + "be an integer");
          }
        } else {
          LabelSelector.checkValue(key, value);
        }
        return new Requirement(key, o, List.of(value));
      }
      case IN, NOTIN: {
        next();
        expect(Tok.OPEN, "(");
        TreeSet<String> values = new TreeSet<>();
        while (true) {
          String v = isWord(peek()) ? next().text : "";
          LabelSelector.checkValue(key, v);
          values.add(v);
          Token sep = next();
          if (sep.tok == Tok.CLOSE) {
            break;
          }
          if (sep.tok != Tok.COMMA) {
            throw error(sep, "',' or ')'");
          }
        }
        return new Requirement(key, op.tok == Tok.IN ? Operator.IN : Operator.NOT_IN, List.copyOf(values));
      }
      default:
        throw error(op, "'=', '!=', '==', 'in', notin'");
    }
  }

  /** In value position the keywords are plain words ({@code mode=in}). */
  private static boolean isWord(Token t) {
    return t.tok == Tok.IDENT || t.tok == Tok.IN || t.tok == Tok.NOTIN;
  }

  private Token expect(Tok tok, String what) {
    Token t = next();
    if (t.tok != tok) {
      throw error(t, what);
    }
    return t;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.tok != Tok.END) {
      pos++;
    }
    return t;
  }

  private static IllegalArgumentException error(Token t, String expected) {
    String found = t.tok == Tok.END ? "" : t.text;
    return new IllegalArgumentException("unable to parse requirement: found '" + found + "', expected: " + expected);
  }

  private void lex(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
        tokens.add(new Token(Tok.NOT_EQ, "!="));
        i += 2;
      } else if (c == '=' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
        tokens.add(new Token(Tok.DOUBLE_EQ, "=="));
        i += 2;
      } else if ("!=><(),".indexOf(c) >= 0) {
        Tok t = switch (c) {
          case '!' -> Tok.NOT;
          case '=' -> Tok.EQ;
          case '>' -> Tok.GT;
          case '<' -> Tok.LT;
          case '(' -> Tok.OPEN;
          case ')' -> Tok.CLOSE;
          default -> Tok.COMMA;
        };
        tokens.add(new Token(t, String.valueOf(c)));
        i++;
      } else {
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "!=><(),".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        String word = s.substring(start, i);
        Tok t = word.equals("in") ? Tok.IN : word.equals("notin") ? Tok.NOTIN : Tok.IDENT;
        tokens.add(new Token(t, word));
      }
    }
    tokens.add(new Token(Tok.END, ""));
  }
}
