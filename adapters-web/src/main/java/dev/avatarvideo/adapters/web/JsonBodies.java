package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
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
    }

    ObjectMapper mapper() {
        return mapper;
    }

    <T> T read(Context ctx, Class<T> type) {
        return read(ctx.bodyAsBytes(), type);
    }

    /** Reads a JSON document that arrived some other way than as the whole body, such as a part of a multipart request. */
    <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new MalformedBodyException("body", "the request body is empty; send a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new MalformedBodyException("body", "the request body is JSON null; send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new MalformedBodyException(path(e), "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
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
        } catch (IOException e) {
            throw new MalformedBodyException("body", "the request body could not be read");
        }
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
