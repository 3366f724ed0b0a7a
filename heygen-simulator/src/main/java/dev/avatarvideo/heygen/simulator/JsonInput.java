package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/**
 * Reads request JSON the way HeyGen refuses it: a 400 {@code invalid_parameter} naming the field, for a value of the
 * wrong JSON type as much as for one outside its schema's enum or range. {@code null} counts as absent, as the schemas
 * mark their optional fields {@code nullable}.
 */
final class JsonInput {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonInput() {
    }

    static JsonNode object(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw HeyGenError.invalidParameter("body", "the request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw HeyGenError.invalidParameter("body", "the request body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field's text whatever its JSON type, or {@code fallback}: for values the simulator only echoes back. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string field, or {@code null} when absent; any other JSON type is refused. */
    static String string(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText();
    }

    static String requiredString(JsonNode node, String field, String prefix) {
        String value = string(node, field, prefix);
        if (value == null) {
            throw HeyGenError.invalidParameter(prefix + field, field + " is required");
        }
        return value;
    }

    /** An object field, or {@code null} when absent; any other JSON type is refused. */
    static JsonNode object(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be an object");
        }
        return value;
    }

    static JsonNode requiredObject(JsonNode node, String field, String prefix) {
        JsonNode value = object(node, field, prefix);
        if (value == null) {
            throw HeyGenError.invalidParameter(prefix + field, field + " is required");
        }
        return value;
    }

    static void bool(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be true or false");
        }
    }

    /** A string field from the schema's enum, or {@code null} when absent. */
    static String oneOf(JsonNode node, String field, Collection<String> allowed, String prefix) {
        String value = string(node, field, prefix);
        if (value != null && !allowed.contains(value)) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }

    static void oneOf(String param, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw HeyGenError.invalidParameter(param, param + " must be one of " + allowed + ", got '" + value + "'");
        }
    }

    /** A number within bounds, when present. */
    static void numberWithin(JsonNode node, String field, double min, double max, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be a number from " + min + " to " + max + ", got " + value);
        }
    }

    /** An absolute http(s) URL, or {@code null} when absent. */
    static URI httpUrl(JsonNode node, String field, String prefix) {
        String param = prefix + field;
        String text = string(node, field, prefix);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // answered below
        }
        throw HeyGenError.invalidParameter(param, param + " must be an absolute http(s) URL");
    }
}
