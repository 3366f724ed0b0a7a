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

/** Reads request JSON the way HeyGen refuses it: a 400 {@code invalid_parameter} naming the field. */
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

    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static void oneOf(JsonNode node, String field, Collection<String> allowed, String prefix) {
        String value = text(node, field, null);
        if (value != null && !allowed.contains(value)) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be one of " + allowed + ", got '" + value + "'");
        }
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
    static URI httpUrl(JsonNode node, String field, String param) {
        String text = text(node, field, null);
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
