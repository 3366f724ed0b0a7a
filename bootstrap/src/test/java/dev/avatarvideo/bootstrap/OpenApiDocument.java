package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's own {@code /openapi.json}, read as the routes a caller can use: each operation with its parameters
 * and body schema, every {@code $ref} followed. What the hostile suite generates its requests from, so a route added
 * to the document is attacked without anyone writing a case for it.
 */
final class OpenApiDocument {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "options", "head");

    /** A parameter as declared: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {

        String type() {
            return schema.path("type").asText("string");
        }

        String format() {
            return schema.path("format").asText("");
        }
    }

    /**
     * One operation.
     *
     * @param jsonBody the schema of its {@code application/json} body, when it takes one
     * @param multipart whether it also takes {@code multipart/form-data}
     */
    record Operation(String method, String path, List<Parameter> parameters, Optional<JsonNode> jsonBody, boolean multipart) {

        List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }

        boolean hasBody() {
            return jsonBody.isPresent() || multipart;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("/openapi.json is not JSON", e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode item = path.getValue();
            for (String method : METHODS) {
                if (item.has(method)) {
                    JsonNode operation = item.get(method);
                    List<Parameter> parameters = new ArrayList<>();
                    item.path("parameters").forEach(p -> parameters.add(parameter(p)));
                    operation.path("parameters").forEach(p -> parameters.add(parameter(p)));
                    JsonNode content = resolve(operation.path("requestBody")).path("content");
                    Optional<JsonNode> json = content.has("application/json") ? Optional.of(resolve(content.get("application/json").path("schema")))
                            : Optional.empty();
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters), json,
                            content.has("multipart/form-data")));
                }
            }
        }
        return operations;
    }

    private Parameter parameter(JsonNode declared) {
        JsonNode parameter = resolve(declared);
        return new Parameter(parameter.get("name").asText(), parameter.get("in").asText(), parameter.path("required").asBoolean(false),
                resolve(parameter.path("schema")));
    }

    /** The node a {@code $ref} points to (within this document), or the node itself. */
    JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        for (int hops = 0; at.has("$ref") && hops < 20; hops++) {
            String reference = at.get("$ref").asText();
            at = reference.startsWith("#") ? root.at(reference.substring(1)) : MissingNode.getInstance();
        }
        return at;
    }
}
