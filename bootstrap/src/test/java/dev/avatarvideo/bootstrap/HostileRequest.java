package dev.avatarvideo.bootstrap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request of the hostile suite as the bytes that go over the wire, so it can carry what no HTTP client sends: raw
 * bytes in the path or a header, a body that disagrees with its framing. Text is kept as ISO-8859-1 strings, one char
 * per byte; {@link #bytesOf(String)} turns UTF-8 text into that form.
 */
final class HostileRequest {

    /** How the body is framed; {@link #RAW} means the whole request was written by hand. */
    enum Framing { LENGTH, CHUNKED, RAW }

    final String method;
    final String path;
    final List<String[]> query = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    byte[] body = new byte[0];
    Framing framing = Framing.LENGTH;
    private byte[] raw;

    HostileRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** A request written entirely by hand; {@code {authority}} in it becomes the service's host and port. */
    static HostileRequest raw(String method, String path, byte[] bytes) {
        HostileRequest request = new HostileRequest(method, path);
        request.framing = Framing.RAW;
        request.raw = bytes;
        return request;
    }

    HostileRequest header(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        headers.add(new String[] {name, value});
        return this;
    }

    /** Sets a query parameter, name and value already percent-encoded as they are to be sent. */
    HostileRequest query(String name, String value) {
        query.removeIf(q -> q[0].equals(name));
        query.add(new String[] {name, value});
        return this;
    }

    String target() {
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < query.size(); i++) {
            target.append(i == 0 ? '?' : '&').append(query.get(i)[0]).append('=').append(query.get(i)[1]);
        }
        return target.toString();
    }

    byte[] bytes(String authority) {
        if (framing == Framing.RAW) {
            return new String(raw, StandardCharsets.ISO_8859_1).replace("{authority}", authority).getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(authority).append("\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        boolean sendsBody = body.length > 0 || method.equals("POST") || method.equals("PUT");
        if (sendsBody && framing == Framing.CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (sendsBody) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (sendsBody && framing == Framing.CHUNKED) {
            for (int at = 0; at < body.length; at += 64 * 1024) {
                int size = Math.min(64 * 1024, body.length - at);
                out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, size);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** UTF-8 text as one char per byte, the form headers and targets are kept in. */
    static String bytesOf(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Every byte outside the unreserved set percent-encoded, as a careful client would send {@code text}. */
    static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return encoded.toString();
    }

    @Override
    public String toString() {
        return framing == Framing.RAW ? method + " " + path + " (written by hand)" : method + " " + target();
    }
}
