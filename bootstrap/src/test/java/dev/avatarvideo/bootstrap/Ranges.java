package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Values outside what a parameter or field allows, or outside what anything can store, derived from its schema. */
final class Ranges {

    /** Sent as it is, not percent-encoded: the encoding itself is what is wrong. */
    static final String MALFORMED_ESCAPE = "%ZZ";

    static final List<String> TIMES = List.of("+294277-01-01T00:00:00Z", "-4714-11-24T00:00:00Z", "+1000000000-12-31T23:59:59Z",
            "0000-12-31T23:59:59Z", "2026-13-45T99:99:99Z", "2026-02-30T00:00:00Z", "99999999999999", "2026-01-01T00:00:00+99:00", "yesterday");

    static final List<String> BYTE_RANGES = List.of("bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=5-2", "bytes=a-b",
            "bytes=0-0,0-0,0-0,0-0", "items=0-1", "bytes=-0");

    static final List<String> INTERNAL_URLS = List.of("http://127.0.0.1:8080/admin/status", "http://localhost/", "http://[::1]/",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1/", "http://0.0.0.0/", "http://2130706433/",
            "file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO");

    private Ranges() {
    }

    /** Whole numbers that are no whole number, overflow every integer type, or lie just outside the schema's bounds. */
    static List<String> integers(JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("abc", "1.5", "1e3", "0x10", MALFORMED_ESCAPE, "99999999999999999999",
                "9223372036854775808", "-9223372036854775809"));
        if (schema.has("minimum")) {
            values.add(new BigDecimal(schema.get("minimum").asText()).subtract(BigDecimal.ONE).toPlainString());
        }
        if (schema.has("maximum")) {
            values.add(new BigDecimal(schema.get("maximum").asText()).add(BigDecimal.ONE).toPlainString());
        }
        return values;
    }

    /**
     * Cursors a caller could forge: times no database holds, numbers that overflow, parts missing or not ids, text that
     * is not the encoding at all. A cursor for a time within range is a valid cursor, and not among them.
     */
    static List<String> cursors() {
        String id = UUID.randomUUID().toString();
        List<String> cursors = new ArrayList<>();
        for (String plain : List.of("31556889864403199.0." + id, "-99999999999.0." + id, "99999999999999999999.0." + id, "1.0.not-an-id",
                "0.0", "253402300800.0." + id)) {
            cursors.add(Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        }
        cursors.add("!!!");
        cursors.add("A");
        return cursors;
    }

    /**
     * JSON numbers a field must refuse: outside its bounds (or any double's), not numbers JSON allows, or of the
     * wrong type.
     */
    static List<String> numbers(JsonNode schema) {
        List<String> literals = new ArrayList<>();
        for (String literal : List.of("1e308", "-1e308", "1e400", "-1e400", "1" + "0".repeat(400))) {
            BigDecimal value = new BigDecimal(literal);
            boolean below = schema.has("minimum") && value.compareTo(new BigDecimal(schema.get("minimum").asText())) < 0;
            boolean above = schema.has("maximum") && value.compareTo(new BigDecimal(schema.get("maximum").asText())) > 0;
            if (below || above) {
                literals.add(literal);
            }
        }
        literals.add("NaN");
        literals.add("\"1\"");
        literals.add("[1]");
        return literals;
    }
}
