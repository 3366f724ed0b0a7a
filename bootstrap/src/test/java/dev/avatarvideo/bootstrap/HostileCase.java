package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.testsupport.RawHttp;
import java.io.IOException;
import java.util.Optional;

/** One generated hostile request and what the service must answer it with. */
record HostileCase(HostileClass kind, String name, HostileRequest request, Expect expect) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The answer a case needs: a status within a range, and the {@code field} the problem must name ({@link #ANY_FIELD}
     * for any, null when none is required).
     */
    record Expect(int lowest, int highest, String field) {

        static final String ANY_FIELD = "*";

        static Expect status(int status, String field) {
            return new Expect(status, status, field);
        }

        static Expect refused() {
            return new Expect(400, 499, null);
        }

        /** Whatever the service makes of it, as long as it is not its own failure. */
        static Expect noServerError() {
            return new Expect(100, 499, null);
        }
    }

    /** What is wrong with the answer, if anything: the rules every answer keeps, then this case's expectation. */
    Optional<String> fault(Optional<RawHttp.Answer> received) {
        if (received.isEmpty()) {
            return Optional.of("no answer: the connection was closed without one");
        }
        RawHttp.Answer answer = received.get();
        if (answer.status() >= 500) {
            return Optional.of("answered " + answer.status() + ": " + shortened(answer.text()));
        }
        if (answer.status() >= 400) {
            Optional<String> notAProblem = notAProblem(answer);
            if (notAProblem.isPresent()) {
                return notAProblem;
            }
        }
        if (answer.status() < expect.lowest() || answer.status() > expect.highest()) {
            return Optional.of("answered " + answer.status() + " instead of " + expect.lowest() + (expect.highest() == expect.lowest() ? ""
                    : "-" + expect.highest()) + ": " + shortened(answer.text()));
        }
        if (expect.field() != null && !request.method.equals("HEAD")) {
            String field = problem(answer).map(p -> p.path("field").asText(null)).orElse(null);
            boolean named = expect.field().equals(Expect.ANY_FIELD) ? field != null && !field.isBlank() : expect.field().equals(field);
            if (!named) {
                return Optional.of("the problem names field '" + field + "' instead of '" + expect.field() + "': " + shortened(answer.text()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> notAProblem(RawHttp.Answer answer) {
        String type = answer.header("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return Optional.of(answer.status() + " as '" + type + "', not application/problem+json: " + shortened(answer.text()));
        }
        if (request.method.equals("HEAD")) {
            return Optional.empty();
        }
        Optional<JsonNode> problem = problem(answer);
        if (problem.isEmpty() || !problem.get().hasNonNull("type") || !problem.get().hasNonNull("title")
                || problem.get().path("status").asInt() != answer.status()) {
            return Optional.of("not a complete problem document: " + shortened(answer.text()));
        }
        if (answer.text().contains("Exception") || answer.text().contains("\tat ")) {
            return Optional.of("the problem shows internals: " + shortened(answer.text()));
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> problem(RawHttp.Answer answer) {
        try {
            return Optional.of(JSON.readTree(answer.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String shortened(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @Override
    public String toString() {
        return kind + " / " + name + " (" + request + ")";
    }
}
