package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.domain.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Which text this service takes from a caller, decided once for every way text arrives: JSON strings and field names,
 * query and path parameters, multipart part names and file names. Everything else passes through these checks, so
 * nothing the database cannot hold, nothing that forges a log line or a header, and nothing that displays otherwise
 * than it reads gets past the border.
 *
 * <p>Refused anywhere: NUL (PostgreSQL cannot store it), the other C0 controls but tab, line feed and carriage return,
 * DEL and the C1 controls, lone UTF-16 surrogates (half a character: stored, it turns into {@code ?}), the
 * noncharacters U+FFFE and U+FFFF, and the bidirectional embedding, override and isolate controls U+202A–U+202E and
 * U+2066–U+2069 ("Trojan Source": text that shows in another order than it is stored). Tab and line breaks are text in
 * a script, never in a line: a name, a parameter, a file name. Right-to-left letters and marks (U+200E, U+200F),
 * zero-width joiners and emoji are text like any other.
 */
final class TextRules {

    private TextRules() {
    }

    /** Text that may span lines, such as a script or a topic's text. */
    static void requireText(String field, String value) {
        violation(value, true).ifPresent(why -> {
            throw new InvalidInputException(field, field + " " + why);
        });
    }

    /** Text on one line: a name, an id, a parameter, a file name. */
    static void requireLine(String field, String value) {
        violation(value, false).ifPresent(why -> {
            throw new InvalidInputException(field, field + " " + why);
        });
    }

    /**
     * What is wrong with {@code value}, worded to follow the field's name; empty when nothing is. The offending
     * character is named by its code point, never repeated: it may be the very thing that must not reach a log.
     */
    static Optional<String> violation(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            String problem = problem(c, multiLine);
            if (problem != null) {
                return Optional.of("contains " + problem + " at character " + (i + 1) + "; " + rule(multiLine));
            }
        }
        return Optional.empty();
    }

    private static String problem(char c, boolean multiLine) {
        if (c == 0) {
            return "NUL (U+0000)";
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return multiLine ? null : "a tab or line break (" + codePoint(c) + ")";
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return "a control character (" + codePoint(c) + ")";
        }
        if (Character.isSurrogate(c)) {
            return "half of a UTF-16 surrogate pair (" + codePoint(c) + ")";
        }
        if (c == 0xfffe || c == 0xffff) {
            return "a noncharacter (" + codePoint(c) + ")";
        }
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return "a bidirectional override control (" + codePoint(c) + ")";
        }
        return null;
    }

    private static String rule(boolean multiLine) {
        return "text may not hold NUL, control characters" + (multiLine ? " other than tab and line breaks" : " or line breaks")
                + ", lone surrogates, noncharacters or bidirectional override controls";
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /**
     * Every string and every field name of a JSON document, checked where it stands; the field of a complaint is the
     * path as the caller wrote it ({@code scenes[0].script}), {@code body} for the document itself.
     */
    static void requireJson(JsonNode document) {
        requireJson(document, "");
    }

    /** Recursion ends: Jackson refuses documents nested deeper than 1000 levels before they get here. */
    private static void requireJson(JsonNode node, String path) {
        if (node.isTextual()) {
            requireText(path.isEmpty() ? "body" : path, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireJson(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? "body" : path;
                violation(field.getKey(), false).ifPresent(why -> {
                    throw new InvalidInputException(at, "a field name in " + at + " " + why);
                });
                requireJson(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        }
    }

    /**
     * A percent-encoded part of a URL, decoded strictly: every {@code %} followed by two hex digits and the bytes valid
     * UTF-8 (no overlong forms, no encoded surrogates). {@code plusIsSpace} for query strings, as forms encode them.
     */
    static String decodePercent(String field, String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidInputException(field, field + " has a malformed percent-encoding at character " + (i + 1)
                            + ": '%' must be followed by two hexadecimal digits");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                bytes.writeBytes(raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field, field + " " + violation(String.valueOf(c), false).orElseThrow());
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return utf8(field, bytes.toByteArray());
    }

    /** Bytes that must be UTF-8, decoded without replacing anything: a malformed sequence is the caller's mistake. */
    static String utf8(String field, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(field, field + " is not valid UTF-8 (overlong forms, encoded surrogates and stray bytes"
                    + " are refused)");
        }
    }
}
