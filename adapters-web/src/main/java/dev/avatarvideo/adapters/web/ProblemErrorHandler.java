package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every answer Jetty gives on its own, before or instead of a route: broken framing, oversized headers, a missing
 * {@code Host}, a path that is not valid UTF-8 or hides a traversal, and the {@link HttpBorder}'s refusals. Jetty would
 * write an HTML page; this writes the same problem document the routes write. A message the client got wrong is a 4xx,
 * even where Jetty would say 501 or 505 for it.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);
    private static final int MAX_REASON_CHARACTERS = 120;

    private final ObjectMapper json;

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            reason = http.getReason();
        }
        status = clientsFault(status, cause) ? HttpStatus.BAD_REQUEST_400 : status;
        String instance = instance(request);
        Problem problem = cause instanceof HttpBorder.Refusal refusal
                ? Problem.invalidInput(refusal.field(), refusal.getReason(), instance)
                : problem(status, printable(reason), instance);
        LOG.info("{} {} refused before any route: {} {}", request.getMethod(), instance, problem.status(), problem.detail());
        response.setStatus(problem.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpMethod.HEAD.is(request.getMethod()) || HttpStatus.hasNoBody(problem.status())) {
            callback.succeeded();
            return true;
        }
        try {
            response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(problem)), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
        return true;
    }

    /**
     * 501 (a transfer coding Jetty does not implement) and 505 (an HTTP version it does not speak) describe what the
     * client sent, as does any status Jetty gives a message it could not parse.
     */
    private static boolean clientsFault(int status, Throwable cause) {
        return status == HttpStatus.NOT_IMPLEMENTED_501 || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
                || (status >= 500 && cause instanceof BadMessageException);
    }

    static Problem problem(int status, String reason, String instance) {
        return switch (status) {
            case HttpStatus.BAD_REQUEST_400 -> Problem.malformedRequest(null, "the request cannot be read as HTTP this service accepts: "
                    + reason, instance);
            case HttpStatus.NOT_FOUND_404 -> Problem.notFound("nothing is served at this address", instance);
            case HttpStatus.REQUEST_TIMEOUT_408 -> new Problem("/problems/request-timeout", "The request did not arrive in time", 408,
                    "the request stopped arriving before it was complete", instance, null);
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> Problem.tooLarge("body", "the request body is larger than this service accepts", instance);
            case HttpStatus.URI_TOO_LONG_414 -> new Problem("/problems/uri-too-long", "The request's address is too long", 414,
                    "the path and query may have at most 8 KiB together with the headers", instance, "path");
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> new Problem("/problems/headers-too-large", "The request's headers are"
                    + " too large", 431, "the request line and headers may have at most 8 KiB", instance, "headers");
            default -> Problem.ofStatus(status, reason, instance);
        };
    }

    /** Where the request went, if it got as far as having a path; never more of it than its raw (percent-encoded) path. */
    private static String instance(Request request) {
        try {
            String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
            return path == null ? null : printable(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Jetty's reasons can quote the request; only printable ASCII of them is repeated, and not much of it. */
    static String printable(String text) {
        if (text == null || text.isBlank()) {
            return "no further detail";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_REASON_CHARACTERS).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
