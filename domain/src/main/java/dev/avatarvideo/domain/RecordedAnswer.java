package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The answer a request with an idempotency key got, kept to be given again to its repeats: the status, the headers
 * that belong to the answer (its type, where the new resource is) and the body, byte for byte.
 */
public record RecordedAnswer(int status, List<Header> headers, byte[] body) {

    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public RecordedAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        headers = List.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedAnswer answer && answer.status == status && answer.headers.equals(headers)
                && Arrays.equals(answer.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RecordedAnswer[status=" + status + ", headers=" + headers + ", " + body.length + " bytes]";
    }
}
