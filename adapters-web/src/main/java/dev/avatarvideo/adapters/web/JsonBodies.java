package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.avatarvideo.domain.FileTooLargeException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/** Reads request bodies strictly: a wrong type, an unknown field or a broken document is a 400 naming the field. */
final class JsonBodies {

    private final ObjectMapper mapper;

    JsonBodies() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // "script": 42 is a mistake in the caller's code, not a script; refuse it instead of quietly making it "42".
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        // Nor is "speed": "1" a number, or "captions": "yes" a boolean.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
    }

    private static final String BODY_ATTRIBUTE = JsonBodies.class.getName() + ".body";

    ObjectMapper mapper() {
        return mapper;
    }

    <T> T read(Context ctx, Class<T> type) {
        return read(bytes(ctx), type);
    }

    /**
     * The whole body, at most {@link JavalinServer#MAX_JSON_BODY_BYTES} of it: Javalin's own limit looks only at
     * {@code Content-Length}, so a chunked body would otherwise be read into memory however large it is. A body that ends
     * before its length, or whose chunks are broken, is the client's mistake.
     */
    byte[] bytes(Context ctx) {
        // Read once per request: a filter (Idempotency-Key) may need the body before the route does.
        byte[] read = ctx.attribute(BODY_ATTRIBUTE);
        if (read != null) {
            return read;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) JavalinServer.MAX_JSON_BODY_BYTES + 1);
            if (body.length > JavalinServer.MAX_JSON_BODY_BYTES) {
                throw new FileTooLargeException("body", "the request body may have at most " + JavalinServer.MAX_JSON_BODY_BYTES + " bytes");
            }
            ctx.attribute(BODY_ATTRIBUTE, body);
            return body;
        } catch (IOException e) {
            throw ClientFaults.problemFor(e, ctx.path()).map(ClientFaultException::new)
                    .orElseGet(() -> new ClientFaultException(ClientFaults.bodyEndedEarly(ctx.path())));
        }
    }

    /** Reads a JSON document that arrived some other way than as the whole body, such as a part of a multipart request. */
    <T> T read(byte[] body, Class<T> type) {
        try {
            T value = mapper.treeToValue(tree(body), type);
            if (value == null) {
                throw new MalformedBodyException("body", "the request body is JSON null; send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new MalformedBodyException(path(e), "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonEOFException e) {
            String field = e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "";
            throw new MalformedBodyException(field.isEmpty() ? "body" : field, "the request body is not valid JSON: it ends early"
                    + (field.isEmpty() ? "" : ", inside " + field));
        } catch (JsonParseException e) {
            throw new MalformedBodyException("body", "the request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (JsonMappingException e) {
            String field = path(e);
            if (e.getOriginalMessage().contains("end-of-input")) {
                throw new MalformedBodyException(field.isEmpty() ? "body" : field, "the request body is not valid JSON: it ends early"
                        + (field.isEmpty() ? "" : ", inside " + field));
            }
            throw new MalformedBodyException(field.isEmpty() ? "body" : field,
                    (field.isEmpty() ? "the request body" : field) + " has the wrong type: " + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("body", "the request body could not be read as JSON");
        }
    }

    /**
     * The document as a tree, after the checks every JSON body passes: it is UTF-8 (RFC 8259; no overlong forms, no
     * encoded surrogates: Jackson alone would let some through) and every string and field name is acceptable text
     * ({@link TextRules}). Malformed JSON throws Jackson's own exceptions, for {@link #read} to word.
     */
    JsonNode tree(byte[] body) throws JsonProcessingException {
        if (body.length == 0) {
            throw new MalformedBodyException("body", "the request body is empty; send a JSON object");
        }
        JsonNode tree = mapper.readTree(TextRules.utf8("body", body));
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedBodyException("body", "the request body is empty; send a JSON object");
        }
        TextRules.requireJson(tree);
        return tree;
    }

    /**
     * The object or array a parser was inside when it stopped, as {@code scenes[0]}: each enclosing context names the
     * field or element that holds the next one in.
     */
    private static String path(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext at = context.getParent(); at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray() && at.hasCurrentIndex()) {
                segments.push("[" + at.getCurrentIndex() + "]");
            } else if (at.inObject() && at.getCurrentName() != null) {
                segments.push("." + at.getCurrentName());
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** {@code scenes[0].script}, in the caller's own words. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    /** The request could not be read at all, for a reason of the client's making; carries the problem to answer with. */
    static final class ClientFaultException extends RuntimeException {

        private final transient Problem problem;

        ClientFaultException(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    /** The body cannot be read as the expected JSON. */
    static final class MalformedBodyException extends RuntimeException {

        private final String field;

        MalformedBodyException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
