package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avatarvideo.bootstrap.HostileCase.Expect;
import dev.avatarvideo.bootstrap.OpenApiDocument.Operation;
import dev.avatarvideo.bootstrap.OpenApiDocument.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Hostile requests about the message rather than a value in it, over every operation of the document: broken framing
 * written byte by byte, sizes over every limit, and another tenant's ids where the caller's belong.
 */
final class HostileTransport {

    private static final int MIB = 1024 * 1024;

    private final HostileWorld world;
    private final RequestSamples samples;
    private final List<HostileCase> cases = new ArrayList<>();

    private HostileTransport(HostileWorld world, RequestSamples samples) {
        this.world = world;
        this.samples = samples;
    }

    static List<HostileCase> generate(OpenApiDocument document, HostileWorld world, RequestSamples samples) {
        HostileTransport generator = new HostileTransport(world, samples);
        Map<String, Operation> onePerPath = new LinkedHashMap<>();
        for (Operation op : document.operations()) {
            onePerPath.merge(op.path(), op, (first, next) -> next.method().equals("GET") ? next : first);
            if (op.hasBody()) {
                generator.brokenBodies(op);
                generator.hugeBodies(op);
            }
            generator.otherTenant(op);
        }
        onePerPath.values().forEach(generator::brokenMessages);
        onePerPath.values().forEach(generator::hugeHeads);
        return generator.cases;
    }

    private void add(HostileClass kind, Operation op, String what, HostileRequest request, Expect expect) {
        cases.add(new HostileCase(kind, op + ": " + what, samples.signed(request), expect));
    }

    /** The request as valid bytes: head lines and body, so a variant can break exactly one thing in them. */
    private record Message(String requestLine, List<String> headers, byte[] body) {

        HostileRequest write(String method, String path, UnaryOperator<String> change) {
            StringBuilder text = new StringBuilder(requestLine).append("\r\n");
            headers.forEach(h -> text.append(h).append("\r\n"));
            return HostileRequest.raw(method, path, change.apply(text.toString()).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private Message message(Operation op) {
        HostileRequest request = samples.signed(samples.baseline(op, world.caller));
        List<String> headers = new ArrayList<>(List.of("Host: {authority}"));
        request.headers.forEach(h -> headers.add(h[0] + ": " + h[1]));
        return new Message(op.method() + " " + request.target() + " HTTP/1.1", headers, request.body);
    }

    /** A body that disagrees with its framing; the request is valid otherwise, so only reading the body can fail. */
    private void brokenBodies(Operation op) {
        Message message = message(op);
        String body = new String(message.body(), StandardCharsets.ISO_8859_1);
        Map<String, String> framings = new LinkedHashMap<>();
        framings.put("a body shorter than its Content-Length", "Content-Length: " + (body.length() + 50) + "\r\n\r\n" + body);
        framings.put("a chunk size that is not hexadecimal", "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + body + "\r\n0\r\n\r\n");
        framings.put("a chunk size that overflows", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n");
        framings.put("chunks without the last one", "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n");
        framings.put("a chunk longer than its size", "Transfer-Encoding: chunked\r\n\r\n1\r\n" + body + "\r\n0\r\n\r\n");
        framings.put("Content-Length and Transfer-Encoding", "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        framings.put("two different Content-Lengths", "Content-Length: " + body.length() + "\r\nContent-Length: " + (body.length() + 1) + "\r\n\r\n" + body);
        framings.put("a negative Content-Length", "Content-Length: -1\r\n\r\n" + body);
        framings.put("a Content-Length that is no number", "Content-Length: 12abc\r\n\r\n" + body);
        framings.put("a transfer coding nobody implements", "Transfer-Encoding: gzip\r\n\r\n" + body);
        framings.put("chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        framings.put("a chunk extension with a control character", "Transfer-Encoding: chunked\r\n\r\n1;\u0001=x\r\na\r\n0\r\n\r\n");
        framings.forEach((what, framing) -> add(HostileClass.FRAMING, op, what,
                message.write(op.method(), op.path(), head -> head + framing), Expect.refused()));
    }

    /** Head lines that are not HTTP this service accepts, and paths that hide an encoding or a traversal. */
    private void brokenMessages(Operation op) {
        Message message = message(op);
        String target = message.requestLine().split(" ")[1];
        String path = target.split("\\?", 2)[0];
        String end = "Connection: close\r\n\r\n";
        Map<String, UnaryOperator<String>> variants = new LinkedHashMap<>();
        variants.put("no Host", head -> head.replace("Host: {authority}\r\n", "") + end);
        variants.put("two Hosts", head -> head + "Host: other.example\r\n" + end);
        variants.put("an absolute URI naming another host", head -> head.replaceFirst(" /", " http://other.example/") + end);
        variants.put("HTTP/9.9", head -> head.replaceFirst(" HTTP/1.1\r\n", " HTTP/9.9\r\n") + end);
        variants.put("no HTTP version", head -> head.replaceFirst(" HTTP/1.1\r\n", "\r\n") + end);
        variants.put("NUL in a header", head -> head + "X-Note: a\u0000b\r\n" + end);
        variants.put("a bare CR in a header", head -> head + "X-Note: a\rb\r\n" + end);
        variants.put("a folded header", head -> head + "X-Note: a\r\n b\r\n" + end);
        variants.put("a space before a header's colon", head -> head + "X-Note : a\r\n" + end);
        variants.put("a header name with a separator", head -> head + "X(Note): a\r\n" + end);
        variants.put("raw bytes that are not UTF-8 in the path", head -> head.replace(target, path + "\u00ff\u00fe") + end);
        variants.put("an encoded dot-dot segment", head -> head.replace(target, "/%2e%2e" + target) + end);
        variants.put("an encoded slash", head -> head.replace(target, path + "%2Fx") + end);
        variants.put("an encoded NUL in the path", head -> head.replace(target, path + "%00") + end);
        variants.put("an empty segment", head -> head.replace(target, "/" + target) + end);
        variants.put("a malformed escape in the path", head -> head.replace(target, path + "%G1") + end);
        variants.put("an overlong UTF-8 slash in the path", head -> head.replace(target, path + "%C0%AF..%C0%AF") + end);
        variants.put("a space in the target", head -> head.replace(target, path + " x") + end);
        variants.forEach((what, variant) -> add(HostileClass.FRAMING, op, what, message.write(op.method(), op.path(), variant), Expect.refused()));
    }

    private void hugeBodies(Operation op) {
        Message message = message(op);
        String huge = "{\"title\": \"" + "x".repeat(2 * MIB) + "\"}";
        add(HostileClass.HUGE, op, "a 2 MiB body with its Content-Length", message.write(op.method(), op.path(), head -> head
                .replaceAll("Content-Type: [^\r]*\r\n", "") + "Content-Type: application/json\r\nContent-Length: " + huge.length() + "\r\n\r\n" + huge),
                Expect.status(413, "body"));
        HostileRequest chunked = samples.baseline(op, world.caller);
        chunked.header("Content-Type", "application/json");
        chunked.body = huge.getBytes(StandardCharsets.US_ASCII);
        chunked.framing = HostileRequest.Framing.CHUNKED;
        add(HostileClass.HUGE, op, "a 2 MiB chunked body", chunked, Expect.status(413, "body"));
        HostileRequest deep = samples.baseline(op, world.caller);
        deep.header("Content-Type", "application/json");
        deep.body = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        add(HostileClass.HUGE, op, "JSON nested 100000 deep", deep, webhookOr(op, Expect.status(400, "body")));
        if (op.multipart()) {
            HostileRequest upload = samples.baseline(op, world.caller);
            String boundary = "hostile-upload-boundary";
            upload.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            upload.body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"notes\"; filename=\"big.bin\"\r\n\r\n"
                    + "x".repeat((int) HostileWorld.UPLOAD_LIMIT + MIB) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            add(HostileClass.HUGE, op, "an upload over UPLOAD_MAX_REQUEST_BYTES", upload, Expect.status(413, "body"));
        }
    }

    /** JSON a tenant's HeyGen account receives unsigned here: only the signature is judged, and it is wrong. */
    private static Expect webhookOr(Operation op, Expect expect) {
        return op.path().startsWith(RequestSamples.SERVICE_WEBHOOK + "/") ? Expect.status(401, null) : expect;
    }

    private void hugeHeads(Operation op) {
        Message message = message(op);
        String target = message.requestLine().split(" ")[1];
        String end = "Connection: close\r\n\r\n";
        add(HostileClass.HUGE, op, "a 9 KiB header", message.write(op.method(), op.path(), head -> head + "X-Big: " + "a".repeat(9 * 1024) + "\r\n" + end),
                Expect.status(431, null));
        add(HostileClass.HUGE, op, "a 100 KiB cookie", message.write(op.method(), op.path(), head -> head + "Cookie: c=" + "a".repeat(100 * 1024)
                + "\r\n" + end), Expect.status(431, null));
        add(HostileClass.HUGE, op, "a 9 KiB address", message.write(op.method(), op.path(), head -> head.replace(target, target
                + (target.contains("?") ? "&" : "?") + "pad=" + "a".repeat(9 * 1024)) + end), Expect.status(414, null));
        add(HostileClass.HUGE, op, "1500 headers", message.write(op.method(), op.path(), head -> head + "X-H: 1\r\n".repeat(1500) + end),
                Expect.status(431, null));
    }

    /** Every id of the caller's replaced by the victim's: another tenant's things answer as if they did not exist. */
    private void otherTenant(Operation op) {
        List<Parameter> ids = op.in("path").stream().filter(p -> !List.of("account", "asset").contains(p.name())).toList();
        if (op.path().startsWith("/admin/")) {
            if (op.path().contains("{keyId}")) {
                add(HostileClass.OTHER_TENANT, op, "the victim's key under the caller's tenant", samples.baseline(op, world.caller,
                        Map.of("keyId", world.victim.spareKeyId())), Expect.status(404, null));
            }
        } else if (op.path().startsWith("/files/")) {
            HostileRequest request = samples.baseline(op, world.caller, Map.of("tenant", world.victim.storagePath().split("/", 2)[0],
                    "name", world.victim.storagePath().split("/", 2)[1]));
            add(HostileClass.OTHER_TENANT, op, "the victim's file under the caller's signature", request, Expect.status(403, null));
        } else if (!ids.isEmpty()) {
            add(HostileClass.OTHER_TENANT, op, "the victim's ids", samples.baseline(op, world.victim), Expect.status(404, null));
        }
        for (Parameter query : op.in("query")) {
            if (query.name().equals("videoIds")) {
                add(HostileClass.OTHER_TENANT, op, "the victim's video in videoIds", samples.baseline(op, world.caller).query("videoIds", world.victim.video()),
                        Expect.status(404, null));
            }
        }
        op.jsonBody().ifPresent(schema -> {
            JsonNode baseline = samples.minimal(schema, "", world.caller);
            for (RequestSamples.Field field : samples.fields(schema)) {
                String victims = switch (field.name()) {
                    case "videoId" -> world.victim.video();
                    case "storagePath" -> world.victim.storagePath();
                    default -> null;
                };
                if (victims != null) {
                    HostileRequest request = samples.baseline(op, world.caller);
                    samples.withJson(request, samples.with(baseline, schema, field.path(), TextNode.valueOf(victims), world.caller));
                    add(HostileClass.OTHER_TENANT, op, "the victim's " + field.name() + " in " + field.path(), request, Expect.status(400, field.path()));
                }
            }
        });
    }
}
