package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.InvalidInputException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first thing every request meets, in Jetty before any route: what holds for all of them is checked here once.
 *
 * <ul>
 *     <li>Method overrides are refused. Javalin takes {@code X-HTTP-Method-Override} as the request's method, so a
 *     {@code GET} carrying {@code X-HTTP-Method-Override: DELETE} used to delete; other stacks honour
 *     {@code X-HTTP-Method}, {@code X-Method-Override} or a {@code _method} parameter. None of them reaches the routes:
 *     a request is what its request line says, and a caller who sends an override learns that it is not honoured.</li>
 *     <li>Every query parameter, name and value, and the path are decoded strictly ({@link TextRules#decodePercent}) and
 *     must be acceptable text on one line ({@link TextRules#requireLine}).</li>
 * </ul>
 *
 * A refusal is a 400 naming the header, parameter or {@code path}, written by the {@link ProblemErrorHandler}.
 */
final class HttpBorder extends Handler.Wrapper {

    /** Every header some framework reads as "treat this request as another method". */
    static final List<String> METHOD_OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    /** The form and query parameter Rails, Laravel and Symfony read as the method. */
    static final String METHOD_OVERRIDE_PARAMETER = "_method";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            refuseMethodOverrides(request);
            checkPath(request.getHttpURI().getPath());
            checkQuery(request.getHttpURI().getQuery());
        } catch (InvalidInputException e) {
            Response.writeError(request, response, callback, new Refusal(e.field(), e.getMessage()));
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static void refuseMethodOverrides(Request request) {
        for (String header : METHOD_OVERRIDE_HEADERS) {
            if (request.getHeaders().contains(header)) {
                throw new InvalidInputException(header, "this service does not honour " + header + ": send the request with the"
                        + " method you mean (" + request.getMethod() + " is what this request says)");
            }
        }
    }

    static void checkPath(String rawPath) {
        if (rawPath != null) {
            TextRules.requireLine("path", TextRules.decodePercent("path", rawPath, false));
        }
    }

    static void checkQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = TextRules.decodePercent("query", equals < 0 ? pair : pair.substring(0, equals), true);
            TextRules.requireLine("query", name);
            if (name.toLowerCase(Locale.ROOT).equals(METHOD_OVERRIDE_PARAMETER)) {
                throw new InvalidInputException(name, "this service does not honour a " + METHOD_OVERRIDE_PARAMETER
                        + " parameter: send the request with the method you mean");
            }
            if (equals >= 0) {
                TextRules.requireLine(name, TextRules.decodePercent(name, pair.substring(equals + 1), true));
            }
        }
    }

    /** A request this border refuses, with the field to name; a Jetty error so its handler writes the answer. */
    static final class Refusal extends HttpException.RuntimeException {

        private final String field;

        Refusal(String field, String detail) {
            super(400, detail);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
