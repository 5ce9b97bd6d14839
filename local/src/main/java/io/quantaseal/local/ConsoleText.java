package io.quantaseal.local;

/**
 * Text from a request made safe for one console line: control characters (CR, LF, ESC and the rest
 * of C0 and C1, DEL), the line and paragraph separators, the bidirectional controls and a lone
 * surrogate are written as escapes ({@code \r}, {@code \n}, {@code \t}, {@code \u001b} …), and the
 * backslash and the double quote as {@code \\} and {@code \"}, so that what a client sends can
 * neither start a new line, forge another one, move the cursor nor colour the terminal.
 */
final class ConsoleText {
  private ConsoleText() {}

  static String escape(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        default -> {
          if (unsafe(s, i, c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean unsafe(String s, int i, char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true; // C0, DEL, C1 (ESC is 0x1b, CSI 0x9b)
    }
    if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')) {
      return true; // line and paragraph separators, bidi embeddings and overrides
    }
    if (c >= '\u2066' && c <= '\u2069') {
      return true; // bidi isolates
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
