package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HeyGen's v3 API over HTTP, for one base URL and any API key. Calls that are safe to repeat (GETs, and creations
 * carrying an Idempotency-Key) go through a bounded Failsafe retry policy: exponential backoff with jitter, a
 * {@code Retry-After} honoured, timeouts and dropped connections retried like 5xx answers. Everything else is sent once.
 * The API key travels in a header only and is never logged.
 */
final class HeyGenApi {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenApi.class);

    /** No HTTP answer at all, even after the retries that were safe: connection refused, timeouts, interrupted. */
    static final class Unreachable extends Exception {

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HeyGenSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final FailsafeExecutor<ApiAnswer> retrying;

    HeyGenApi(HeyGenSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HeyGenSettings.Retries retries = settings.retries();
        RetryPolicy<ApiAnswer> policy = RetryPolicy.<ApiAnswer>builder()
                .handle(IOException.class)
                .handleResultIf(ApiAnswer::isTransient)
                // A wait longer than we hold a thread for is the caller's to schedule: answer at once, saying how long.
                .abortIf(answer -> answer != null && answer.retryAfter().map(wait -> wait.compareTo(retries.longestRetryAfter()) > 0).orElse(false))
                .withMaxAttempts(retries.maxAttempts())
                .withMaxDuration(retries.budget())
                .withDelayFn(this::delayBeforeRetry)
                .onRetry(event -> LOG.debug("retrying a HeyGen call (attempt {}) after {}", event.getAttemptCount() + 1,
                        event.getLastException() != null ? event.getLastException().toString() : event.getLastResult().describe()))
                .build();
        this.retrying = Failsafe.with(policy);
    }

    HeyGenSettings settings() {
        return settings;
    }

    HttpClient http() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    /** A GET, retried while the answer is transient. */
    ApiAnswer get(String apiKey, String pathAndQuery) throws Unreachable {
        return retried(request(apiKey, pathAndQuery).GET().build());
    }

    /** A creation that carries an Idempotency-Key, so repeating it can never start a second one: retried like a GET. */
    ApiAnswer postIdempotent(String apiKey, String path, byte[] body, String idempotencyKey) throws Unreachable {
        return retried(request(apiKey, path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A change without an Idempotency-Key: sent exactly once, whatever comes back. */
    ApiAnswer sendOnce(String apiKey, String method, String path, byte[] body) throws Unreachable {
        HttpRequest.Builder request = request(apiKey, path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            return attempt(request.build());
        } catch (IOException e) {
            throw new Unreachable(describe(e), e);
        }
    }

    private ApiAnswer retried(HttpRequest request) throws Unreachable {
        try {
            return retrying.get(() -> attempt(request));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new Unreachable(describe(cause), cause);
        }
    }

    private ApiAnswer attempt(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            LOG.debug("HeyGen {} {} -> {}", request.method(), request.uri().getPath(), response.statusCode());
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(HeyGenApi::parseRetryAfter);
            return new ApiAnswer(response.statusCode(), parse(response.body()), retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling HeyGen", e);
        }
    }

    /** Retry-After when HeyGen sent one (plus up to a quarter more, at most a second, so clients spread out); else backoff. */
    private Duration delayBeforeRetry(ExecutionContext<ApiAnswer> context) {
        ApiAnswer last = context.getLastResult();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (last != null && last.retryAfter().isPresent()) {
            Duration wait = last.retryAfter().get();
            long spreadMillis = Math.min(1000, wait.toMillis() / 4);
            return wait.plusMillis(spreadMillis == 0 ? 0 : random.nextLong(spreadMillis + 1));
        }
        HeyGenSettings.Retries retries = settings.retries();
        int retriesSoFar = Math.max(0, context.getAttemptCount() - 1);
        long ceiling = Math.min(retries.maxBackoff().toMillis(), retries.firstBackoff().toMillis() << Math.min(retriesSoFar, 20));
        return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
    }

    private HttpRequest.Builder request(String apiKey, String pathAndQuery) {
        return HttpRequest.newBuilder(settings.baseUrl().resolve(pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("X-Api-Key", apiKey)
                .header("Accept", "application/json");
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return "HeyGen did not answer in time";
        }
        if (failure instanceof ConnectException) {
            return "HeyGen could not be reached (connection refused)";
        }
        return "HeyGen could not be reached (" + failure.getClass().getSimpleName() + ")";
    }
}
