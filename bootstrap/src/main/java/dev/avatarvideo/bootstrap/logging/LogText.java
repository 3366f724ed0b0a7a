package dev.avatarvideo.bootstrap.logging;

/**
 * One log line per event, whatever text the event carries: a title, a script, a header or an exception message with a
 * line break in it would otherwise start a line of its own that reads like one the service wrote. Line feed and
 * carriage return become backslash-n and backslash-r, every other control character (and the Unicode line and
 * paragraph separators) a backslash-u escape of its code; tabs stay, as they cannot start a line.
 */
final class LogText {

    private LogText() {
    }

    static String escape(String text) {
        if (text == null || text.chars().noneMatch(LogText::needsEscape)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(int c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
