package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avatarvideo.bootstrap.OpenApiDocument.Operation;
import dev.avatarvideo.bootstrap.OpenApiDocument.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Valid requests for every operation of the document, built from its schemas: the baseline each hostile case changes
 * in exactly one place, so that one place is what the service must refuse. Ids are a tenant's own (or, for the other
 * tenant class, the victim's); every request is made with the caller's key, the operator's on {@code /admin}, and a
 * call to HeyGen's webhook receiver is signed with the real secret.
 */
final class RequestSamples {

    /** A string or number inside a JSON body: where it is ({@code scenes[0].voice.speed}) and its schema. */
    record Field(String path, JsonNode schema) {

        String name() {
            String last = path.substring(path.lastIndexOf('.') + 1);
            return last.replace("[0]", "");
        }

        boolean isString() {
            return schema.path("type").asText("").equals("string");
        }

        /**
         * A string whose values are spelt out (enum, pattern, an id or a time): a near miss must be refused too. URLs
         * are left to the URL validation, which decides which characters an address may hold.
         */
        boolean isConstrained() {
            return schema.has("enum") || schema.has("pattern") || List.of("uuid", "date-time").contains(schema.path("format").asText(""));
        }
    }

    static final String PLACEHOLDER = "@@hostile@@";
    /** Which kind of topic content takes which field. */
    private static final Map<String, String> KINDS = Map.of("text", "text", "videoId", "avatarVideo", "generate", "avatarVideo", "part", "file",
            "storagePath", "file");
    static final String SERVICE_WEBHOOK = "/webhooks/heygen";

    private final OpenApiDocument document;
    private final HostileWorld world;
    private final ObjectMapper json = new ObjectMapper();

    RequestSamples(OpenApiDocument document, HostileWorld world) {
        this.document = document;
        this.world = world;
    }

    /** The operation asked validly with {@code ids}' resources, as the caller. */
    HostileRequest baseline(Operation op, HostileWorld.Tenant ids) {
        return baseline(op, ids, Map.of());
    }

    /** The same with some path parameters given as raw (already percent-encoded) text. */
    HostileRequest baseline(Operation op, HostileWorld.Tenant ids, Map<String, String> rawPathValues) {
        String path = op.path();
        for (Parameter parameter : op.in("path")) {
            String value = rawPathValues.getOrDefault(parameter.name(), HostileRequest.percentEncoded(pathValue(op, parameter, ids)));
            path = path.replace("{" + parameter.name() + "}", value);
        }
        HostileRequest request = new HostileRequest(op.method(), path);
        if (op.path().startsWith("/files/")) {
            for (String pair : ids.fileTarget().split("\\?", 2)[1].split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                request.query(nameAndValue[0], nameAndValue[1]);
            }
        }
        for (Parameter parameter : op.in("query")) {
            if (parameter.required() && parameter.name().equals("videoIds")) {
                request.query("videoIds", ids.video());
            }
        }
        if (op.path().startsWith("/api/")) {
            request.header("Authorization", "Bearer " + world.caller.key());
        } else if (op.path().startsWith("/admin/")) {
            request.header("Authorization", "Bearer " + HostileWorld.ADMIN_KEY);
        }
        op.jsonBody().ifPresent(schema -> withJson(request, minimal(schema, "", ids)));
        return request;
    }

    /** The webhook receiver's own calls are signed over their final bytes, unless a case chose the signature. */
    HostileRequest signed(HostileRequest request) {
        if (request.method.equals("POST") && request.path.equals(SERVICE_WEBHOOK)
                && request.headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Signature"))) {
            request.header("Signature", hmac(world.webhookSecret, request.body));
        }
        return request;
    }

    void withJson(HostileRequest request, JsonNode body) {
        request.header("Content-Type", "application/json");
        try {
            request.body = json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body with {@link #PLACEHOLDER} (as a JSON string) replaced by these exact bytes. */
    void withJsonSplice(HostileRequest request, JsonNode body, byte[] spliced) {
        withJson(request, body);
        String text = new String(request.body, StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + PLACEHOLDER + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(spliced);
        out.writeBytes(text.substring(at + PLACEHOLDER.length() + 2).getBytes(StandardCharsets.UTF_8));
        request.body = out.toByteArray();
    }

    String pathValue(Operation op, Parameter parameter, HostileWorld.Tenant ids) {
        return switch (parameter.name()) {
            case "id" -> resourceId(op, ids);
            case "tenantId" -> ids.id();
            case "keyId" -> ids.spareKeyId();
            case "tenant" -> ids.storagePath().split("/", 2)[0];
            case "name" -> ids.storagePath().split("/", 2)[1];
            case "account" -> "0123456789ab";
            case "asset" -> "swagger-ui.css";
            default -> throw new IllegalStateException("the suite has no sample for path parameter '" + parameter.name() + "' of " + op
                    + ": add one to RequestSamples.pathValue");
        };
    }

    private static String resourceId(Operation op, HostileWorld.Tenant ids) {
        if (op.path().startsWith("/api/videos")) {
            return ids.video();
        } else if (op.path().startsWith("/api/topics")) {
            return ids.topic();
        } else if (op.path().startsWith("/api/webhook-endpoints")) {
            return ids.endpoint();
        } else if (op.path().startsWith("/api/api-keys")) {
            return ids.spareKeyId();
        }
        throw new IllegalStateException("the suite does not know what {id} names in " + op + ": add it to RequestSamples.resourceId");
    }

    /** Every string and number a body of this schema can hold, arrays entered at their first element. */
    List<Field> fields(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        collect(document.resolve(schema), "", 0, fields);
        return fields;
    }

    private void collect(JsonNode schema, String path, int depth, List<Field> fields) {
        if (depth > 8) {
            return;
        }
        String type = schema.path("type").asText("");
        if (schema.has("properties")) {
            schema.get("properties").fields().forEachRemaining(property -> collect(document.resolve(property.getValue()),
                    path.isEmpty() ? property.getKey() : path + "." + property.getKey(), depth + 1, fields));
        } else if (type.equals("array")) {
            collect(document.resolve(schema.path("items")), path + "[0]", depth + 1, fields);
        } else if (type.equals("string") || type.equals("number") || type.equals("integer")) {
            fields.add(new Field(path, schema));
        }
    }

    /** The smallest valid instance: required properties only, arrays at their minimum length. */
    JsonNode minimal(JsonNode declared, String name, HostileWorld.Tenant ids) {
        JsonNode schema = document.resolve(declared);
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = json.createObjectNode();
                schema.path("required").forEach(required -> object.set(required.asText(),
                        minimal(schema.path("properties").path(required.asText()), required.asText(), ids)));
                return object;
            }
            case "array" -> {
                ArrayNode array = json.createArrayNode();
                for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
                    array.add(minimal(schema.path("items"), name, ids));
                }
                return array;
            }
            case "number", "integer" -> {
                double low = schema.path("minimum").asDouble(1);
                return json.getNodeFactory().numberNode(schema.has("maximum") ? (low + schema.get("maximum").asDouble()) / 2 : low);
            }
            case "boolean" -> {
                return json.getNodeFactory().booleanNode(false);
            }
            default -> {
                return TextNode.valueOf(sample(name, schema, ids));
            }
        }
    }

    private static String sample(String name, JsonNode schema, HostileWorld.Tenant ids) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        switch (schema.path("format").asText("")) {
            case "uuid" -> {
                return ids.video();
            }
            case "uri" -> {
                return "https://example.com/hostile-suite";
            }
            case "date-time" -> {
                return "2026-01-01T00:00:00Z";
            }
            default -> {
            }
        }
        return switch (name) {
            case "title" -> "Hostile suite";
            case "language" -> "en";
            case "script" -> "Hello.";
            case "avatarId" -> "sim-avatar-anna";
            case "voiceId" -> "sim-voice-en-1";
            case "id" -> "hostile-new-tenant";
            case "apiKey" -> "hostile-suite-key-heygen-does-not-know";
            case "color" -> "#0A0B0C";
            case "locale" -> "en-US";
            case "part" -> "notes";
            case "storagePath" -> ids.storagePath();
            case "event_type" -> "avatar_video.success";
            case "video_id" -> "hostile-render-1";
            default -> "hostile";
        };
    }

    /**
     * {@code body} with {@code value} at {@code path}, creating the objects and first array elements on the way as
     * their schemas say.
     */
    JsonNode with(JsonNode body, JsonNode bodySchema, String path, JsonNode value, HostileWorld.Tenant ids) {
        JsonNode copy = body.deepCopy();
        JsonNode node = copy;
        JsonNode schema = document.resolve(bodySchema);
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals("[0]")) {
                ArrayNode array = (ArrayNode) node;
                schema = document.resolve(schema.path("items"));
                if (array.isEmpty()) {
                    array.add(last ? value : minimal(schema, segments.get(Math.max(0, i - 1)), ids));
                } else if (last) {
                    array.set(0, value);
                }
                node = array.get(0);
                if (!last) {
                    matchKind((ObjectNode) node, schema, segments.get(i + 1));
                }
            } else {
                ObjectNode object = (ObjectNode) node;
                schema = document.resolve(schema.path("properties").path(segment));
                if (last) {
                    object.set(segment, value);
                } else if (!object.hasNonNull(segment)) {
                    object.set(segment, minimal(schema, segment, ids));
                }
                node = object.get(segment);
            }
        }
        return copy;
    }

    /**
     * An element whose {@code type} says which of its fields apply (a topic's content) is given the type that takes
     * {@code field}, so a value placed there is judged, not refused for being in the wrong kind of element.
     */
    private static void matchKind(ObjectNode element, JsonNode schema, String field) {
        JsonNode kinds = schema.path("properties").path("type").path("enum");
        String kind = KINDS.get(field);
        if (kind != null && kinds.isArray() && kinds.toString().contains("\"" + kind + "\"")) {
            element.put("type", kind);
        }
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("\\.")) {
            String name = part.replace("[0]", "");
            if (!name.isEmpty()) {
                segments.add(name);
            }
            for (int at = part.indexOf("[0]"); at >= 0; at = part.indexOf("[0]", at + 1)) {
                segments.add("[0]");
            }
        }
        return segments;
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
