package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avatarvideo.bootstrap.HostileCase.Expect;
import dev.avatarvideo.bootstrap.OpenApiDocument.Operation;
import dev.avatarvideo.bootstrap.OpenApiDocument.Parameter;
import dev.avatarvideo.bootstrap.RequestSamples.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hostile requests, generated from {@code /openapi.json}: every operation, every parameter and every field of
 * every body schema gets each kind of bad value that fits it. Nothing here names a route; a route the document gains
 * is attacked the day it is documented. Framing, sizes and other tenants' ids are in {@link HostileTransport}.
 */
final class HostileCases {

    /** A line that would pass for the service's own if it ever started a line of the log. */
    static final String FORGED = "00:00:00.000 ERROR [main] Admin - hostile suite forged this line";

    /** A kind of bad text, as it travels in JSON, in a URL and as raw header bytes. */
    record OddText(String label, byte[] json, String percent, String raw, boolean invalidUtf8) {

        static OddText escaped(String label, String jsonLiteral, String percent, String raw) {
            return new OddText(label, ("\"" + jsonLiteral + "\"").getBytes(StandardCharsets.US_ASCII), percent, raw, false);
        }

        static OddText bytes(String label, byte[] inside, String percent, String raw) {
            byte[] json = new byte[inside.length + 4];
            json[0] = '"';
            json[1] = 'x';
            System.arraycopy(inside, 0, json, 2, inside.length);
            json[json.length - 2] = 'y';
            json[json.length - 1] = '"';
            return new OddText(label, json, percent, raw, true);
        }
    }

    static final List<OddText> ODD_TEXT = List.of(
            OddText.escaped("NUL and a forged log line", "x\\u0000\\n" + FORGED, "x%00%0A" + HostileRequest.percentEncoded(FORGED), "x\u0000y"),
            OddText.escaped("lone surrogate", "x\\ud800y", "x%ED%A0%80y", "x\u00ed\u00a0\u0080y"),
            OddText.bytes("overlong UTF-8", new byte[] {(byte) 0xC0, (byte) 0xAF}, "x%C0%AFy", "x\u00c0\u00afy"),
            OddText.bytes("invalid UTF-8 byte", new byte[] {(byte) 0xFF}, "x%FFy", "x\u00ffy"),
            OddText.escaped("right-to-left override", "x\\u202egpj.exe", "x%E2%80%AEgpj.exe", HostileRequest.bytesOf("x\u202egpj.exe")),
            OddText.escaped("escape control character", "x\\u001b[2Jy", "x%1B%5B2Jy", "x\u001b[2Jy"));
    /** Invisible, and valid text: only where a value is spelt out (enum, pattern, format) must it be refused. */
    static final String ZERO_WIDTH = "\u200b";

    private final OpenApiDocument document;
    private final HostileWorld world;
    private final RequestSamples samples;
    private final List<HostileCase> cases = new ArrayList<>();

    private HostileCases(OpenApiDocument document, HostileWorld world) {
        this.document = document;
        this.world = world;
        this.samples = new RequestSamples(document, world);
    }

    static List<HostileCase> generate(OpenApiDocument document, HostileWorld world) {
        HostileCases generator = new HostileCases(document, world);
        for (Operation op : document.operations()) {
            generator.text(op);
            generator.range(op);
            generator.methodOverrides(op);
            generator.internalUrls(op);
        }
        generator.cases.addAll(HostileTransport.generate(document, world, generator.samples));
        return generator.cases;
    }

    private void add(HostileClass kind, Operation op, String what, HostileRequest request, Expect expect) {
        cases.add(new HostileCase(kind, op + ": " + what, samples.signed(request), expect));
    }

    private void text(Operation op) {
        for (Parameter parameter : op.parameters()) {
            for (OddText odd : ODD_TEXT) {
                oddParameter(op, parameter, odd);
            }
            if (parameter.schema().has("enum") || parameter.schema().has("pattern") || parameter.schema().has("format")) {
                String nearMiss = HostileRequest.percentEncoded(parameterSample(op, parameter) + ZERO_WIDTH);
                parameterCase(HostileClass.TEXT, op, parameter, "zero-width space", nearMiss, HostileRequest.bytesOf(parameterSample(op, parameter)
                        + ZERO_WIDTH), Expect.refused());
            }
        }
        for (OddText odd : ODD_TEXT.subList(0, 2)) {
            add(HostileClass.TEXT, op, odd.label() + " in an undeclared query parameter", samples.baseline(op, world.caller).query("note", odd.percent()),
                    Expect.status(400, "note"));
        }
        op.jsonBody().ifPresent(schema -> oddBodies(op, schema));
        if (op.multipart()) {
            oddMultipart(op);
        }
    }

    private void oddParameter(Operation op, Parameter parameter, OddText odd) {
        Expect expect = switch (parameter.in()) {
            case "path" -> Expect.status(400, null);
            case "query" -> Expect.status(400, parameter.name());
            default -> odd == ODD_TEXT.getFirst() ? Expect.status(400, null) : Expect.noServerError();
        };
        parameterCase(HostileClass.TEXT, op, parameter, odd.label(), odd.percent(), odd.raw(), expect);
    }

    /** A case with {@code percent} (in the path or query) or {@code raw} (in a header) where the parameter goes. */
    private void parameterCase(HostileClass kind, Operation op, Parameter parameter, String what, String percent, String raw, Expect expect) {
        String label = what + " in " + parameter.in() + " parameter " + parameter.name();
        switch (parameter.in()) {
            case "path" -> add(kind, op, label, samples.baseline(op, world.caller, Map.of(parameter.name(), percent)), expect);
            case "query" -> add(kind, op, label, samples.baseline(op, world.caller).query(parameter.name(), percent), expect);
            case "header" -> add(kind, op, label, samples.baseline(op, world.caller).header(parameter.name(), raw), expect);
            default -> throw new IllegalStateException("parameters " + parameter.in() + " are not generated yet: " + op);
        }
    }

    private String parameterSample(Operation op, Parameter parameter) {
        if (parameter.in().equals("path")) {
            return samples.pathValue(op, parameter, world.caller);
        }
        JsonNode schema = parameter.schema();
        return schema.has("enum") ? schema.get("enum").get(0).asText() : schema.path("format").asText("").equals("date-time") ? "2026-01-01T00:00:00Z"
                : "0123456789ab";
    }

    private void oddBodies(Operation op, JsonNode schema) {
        JsonNode baseline = samples.minimal(schema, "", world.caller);
        for (Field field : samples.fields(schema)) {
            if (!field.isString()) {
                continue;
            }
            for (OddText odd : ODD_TEXT) {
                HostileRequest request = samples.baseline(op, world.caller);
                samples.withJsonSplice(request, samples.with(baseline, schema, field.path(), TextNode.valueOf(RequestSamples.PLACEHOLDER), world.caller),
                        odd.json());
                add(HostileClass.TEXT, op, odd.label() + " in body field " + field.path(), request, bodyExpect(op, odd.invalidUtf8() ? "body" : field.path()));
            }
            if (field.isConstrained()) {
                HostileRequest request = samples.baseline(op, world.caller);
                String nearMiss = samples.minimal(field.schema(), field.name(), world.caller).asText() + ZERO_WIDTH;
                samples.withJson(request, samples.with(baseline, schema, field.path(), TextNode.valueOf(nearMiss), world.caller));
                add(HostileClass.TEXT, op, "zero-width space in body field " + field.path(), request, bodyExpect(op, null));
            }
        }
        for (OddText odd : List.of(ODD_TEXT.getFirst(), ODD_TEXT.get(4))) {
            HostileRequest request = samples.baseline(op, world.caller);
            samples.withJson(request, baseline);
            String text = new String(request.body, StandardCharsets.UTF_8);
            String json = new String(odd.json(), StandardCharsets.US_ASCII);
            request.body = (text.startsWith("{}") ? "{" + json + ": 1}" : "{" + json + ": 1, " + text.substring(1)).getBytes(StandardCharsets.UTF_8);
            add(HostileClass.TEXT, op, odd.label() + " in a body field's name", request, bodyExpect(op, "body"));
        }
    }

    /** A webhook for a tenant's HeyGen account is unsigned here (no tenant has one): only the signature is judged. */
    private static Expect bodyExpect(Operation op, String field) {
        if (op.path().startsWith(RequestSamples.SERVICE_WEBHOOK + "/")) {
            return Expect.status(401, null);
        }
        return field == null ? Expect.refused() : Expect.status(400, field);
    }

    private void oddMultipart(Operation op) {
        for (OddText odd : ODD_TEXT) {
            for (String target : List.of("file name", "part name", "content type")) {
                String name = target.equals("part name") ? odd.raw() : "notes";
                String fileName = target.equals("file name") ? odd.raw() : "notes.txt";
                String type = target.equals("content type") ? "text/" + odd.raw() : "text/plain";
                HostileRequest request = samples.baseline(op, world.caller);
                String boundary = "hostile-boundary-7c1e";
                String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"topic\"\r\nContent-Type: application/json\r\n\r\n"
                        + "{\"title\": \"Hostile multipart\", \"language\": \"en\", \"contents\": [{\"type\": \"file\", \"part\": \"notes\"}]}\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: " + type + "\r\n\r\nhello\r\n--" + boundary + "--\r\n";
                request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                request.body = body.getBytes(StandardCharsets.ISO_8859_1);
                add(HostileClass.TEXT, op, odd.label() + " in a multipart " + target, request, Expect.status(400, HostileCase.Expect.ANY_FIELD));
            }
        }
    }

    private void range(Operation op) {
        for (Parameter parameter : op.parameters()) {
            if (parameter.in().equals("path")) {
                continue;
            }
            List<String> values = parameter.type().equals("integer") ? Ranges.integers(parameter.schema())
                    : parameter.format().equals("date-time") ? Ranges.TIMES
                    : parameter.name().equals("cursor") ? Ranges.cursors()
                    : parameter.name().equals("Range") ? Ranges.BYTE_RANGES : List.of();
            Expect expect = parameter.name().equals("Range") ? Expect.noServerError() : Expect.status(400, parameter.name());
            for (String value : values) {
                String encoded = value.equals(Ranges.MALFORMED_ESCAPE) ? value : HostileRequest.percentEncoded(value);
                parameterCase(HostileClass.RANGE, op, parameter, "'" + value + "'", encoded, value, expect);
            }
        }
        op.jsonBody().ifPresent(schema -> {
            JsonNode baseline = samples.minimal(schema, "", world.caller);
            for (Field field : samples.fields(schema)) {
                if (field.isString()) {
                    continue;
                }
                for (String literal : Ranges.numbers(field.schema())) {
                    HostileRequest request = samples.baseline(op, world.caller);
                    samples.withJsonSplice(request, samples.with(baseline, schema, field.path(), TextNode.valueOf(RequestSamples.PLACEHOLDER), world.caller),
                            literal.getBytes(StandardCharsets.US_ASCII));
                    add(HostileClass.RANGE, op, literal + " in body field " + field.path(), request,
                            bodyExpect(op, literal.equals("NaN") ? "body" : field.path()));
                }
            }
        });
    }

    private void methodOverrides(Operation op) {
        if (!op.method().equals("GET")) {
            return;
        }
        for (String method : List.of("GET", "HEAD")) {
            for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
                for (String override : List.of("DELETE", "POST")) {
                    add(HostileClass.METHOD_OVERRIDE, op, method + " with " + header + ": " + override,
                            asked(method, samples.baseline(op, world.caller)).header(header, override), Expect.status(400, header));
                }
            }
            add(HostileClass.METHOD_OVERRIDE, op, method + " with _method=DELETE", asked(method, samples.baseline(op, world.caller))
                    .query("_method", "DELETE"), Expect.status(400, "_method"));
        }
    }

    /** The same request under another method (HEAD for a GET). */
    private static HostileRequest asked(String method, HostileRequest request) {
        HostileRequest asked = new HostileRequest(method, request.path);
        request.query.forEach(q -> asked.query(q[0], q[1]));
        request.headers.forEach(h -> asked.header(h[0], h[1]));
        return asked;
    }

    private void internalUrls(Operation op) {
        op.jsonBody().ifPresent(schema -> {
            JsonNode baseline = samples.minimal(schema, "", world.caller);
            for (Field field : samples.fields(schema)) {
                if (!field.schema().path("format").asText("").equals("uri")) {
                    continue;
                }
                for (String url : Ranges.INTERNAL_URLS) {
                    HostileRequest request = samples.baseline(op, world.caller);
                    samples.withJson(request, samples.with(baseline, schema, field.path(), TextNode.valueOf(url), world.caller));
                    add(HostileClass.INTERNAL_URL, op, url + " in body field " + field.path(), request, bodyExpect(op, field.path()));
                }
            }
        });
    }
}
