package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.testsupport.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The border every request crosses, over real HTTP: method overrides refused, query and path decoded strictly, Jetty's
 * own refusals written as problems with a 4xx, a known path asked with another method a 405 with {@code Allow}, and
 * bodies that end early, arrive broken or grow too big refused as the client's fault.
 */
class HttpBorderTest {

    private static final String SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hello\"}";

    @TempDir
    Path uploads;

    private FakeBackedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        server = new FakeBackedServer(TenantId.of("border"), uploads, 10_000_000);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noMethodOverrideTurnsAReadIntoADelete() throws Exception {
        String id = createVideo();
        for (String header : HttpBorder.METHOD_OVERRIDE_HEADERS) {
            for (String method : new String[] {"GET", "HEAD", "POST"}) {
                HttpResponse<String> response = send(server.request("/api/videos/" + id).header(header, "DELETE")
                        .method(method, HttpRequest.BodyPublishers.noBody()));

                assertThat(response.statusCode()).as(method + " with " + header).isEqualTo(400);
                assertProblem(response, header, !method.equals("HEAD"));
            }
        }
        HttpResponse<String> parameter = send(server.request("/api/videos/" + id + "?_method=DELETE").GET());
        assertProblem(parameter, "_method", true);

        assertThat(send(server.request("/api/videos/" + id).GET()).statusCode()).as("the video is still there").isEqualTo(200);
        assertThat(server.videos.all()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource({
            "limit=%ZZ, limit",
            "limit=%00, limit",
            "status=READY%E2%80%AE, status",
            "createdAfter=%C0%AF, createdAfter",
            "cursor=%ED%A0%80, cursor",
            "x%FF=1, query",
            "%0A=1, query",
            "createdAfter=%2B294277-01-01T00:00:00Z, createdAfter",
            "createdBefore=-4714-01-01T00:00:00Z, createdBefore"})
    void everyQueryParameterIsDecodedStrictlyAndRangeChecked(String query, String field) throws Exception {
        // Sent as raw bytes: Java's HTTP client refuses to send a malformed escape at all.
        RawHttp.Answer answer = RawHttp.exchange("127.0.0.1", server.server.port(), ("GET /api/videos?" + query + " HTTP/1.1\r\nHost: a\r\n"
                + "Authorization: Bearer " + server.apiKey + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
        assertThat(json.readTree(answer.body()).path("field").asText()).as(answer.text()).isEqualTo(field);
    }

    @Test
    void aCursorThatDecodesToATimeNoDatabaseHoldsIsRefused() throws Exception {
        for (String plain : new String[] {"31556889864403199.0." + java.util.UUID.randomUUID(), "-99999999999.0." + java.util.UUID.randomUUID()}) {
            String cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = send(server.request("/api/videos?cursor=" + cursor).GET());

            assertThat(response.statusCode()).as(plain).isEqualTo(400);
            assertProblem(response, "cursor", true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/videos/%00", "/api/videos/%E2%80%AE", "/api/videos/..%2F..%2Fadmin", "/api/videos/%2e%2e/%2e%2e/admin/status",
            "/api//videos", "/api/videos/%C0%AF", "/files/border/a%2Fb"})
    void aPathThatHidesTextOrATraversalIsA400Problem(String path) throws Exception {
        HttpResponse<String> response = send(server.request(path).GET());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void whatJettyRefusesOnItsOwnIsAProblemWithA4xxNeverAnHtmlPage() {
        String key = "Authorization: Bearer " + server.apiKey + "\r\n";
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("no Host", "GET /health/live HTTP/1.1\r\n\r\n");
        requests.put("two Hosts", "GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        requests.put("absolute URI of another host", "GET http://other.example/health/live HTTP/1.1\r\nHost: a\r\n\r\n");
        requests.put("Content-Length and Transfer-Encoding", "POST /api/videos HTTP/1.1\r\nHost: a\r\n" + key
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        requests.put("two Content-Lengths", "POST /api/videos HTTP/1.1\r\nHost: a\r\n" + key + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
        requests.put("a transfer coding nobody implements", "POST /api/videos HTTP/1.1\r\nHost: a\r\n" + key + "Transfer-Encoding: gzip\r\n\r\n");
        requests.put("HTTP/9.9", "GET /health/live HTTP/9.9\r\nHost: a\r\n\r\n");
        requests.put("NUL in a header", "GET /health/live HTTP/1.1\r\nHost: a\r\nX-Note: a\u0000b\r\n\r\n");
        requests.put("a folded header", "GET /health/live HTTP/1.1\r\nHost: a\r\nX-Note: a\r\n b\r\n\r\n");
        requests.put("headers over 8 KiB", "GET /health/live HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
        requests.put("an address over 8 KiB", "GET /health/live?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        requests.put("not HTTP at all", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003");

        requests.forEach((what, request) -> {
            RawHttp.Answer answer = RawHttp.exchange("127.0.0.1", server.server.port(), request.getBytes(StandardCharsets.ISO_8859_1))
                    .orElseThrow(() -> new AssertionError(what + ": no answer"));
            assertThat(answer.status()).as(what).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
            assertThat(answer.text()).as(what).doesNotContain("<html").contains("\"status\":" + answer.status());
        });
    }

    @Test
    void aKnownPathAskedWithAnotherMethodIs405NamingTheMethodsItServesOnceTheCallerIsKnown() throws Exception {
        HttpResponse<String> patch = send(server.request("/api/videos").method("PATCH", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(server.uri("/api/videos")).method("PATCH", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> unknown = send(server.request("/api/nothing").method("PATCH", HttpRequest.BodyPublishers.noBody()));

        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).contains("GET, HEAD, POST");
        assertProblem(patch, null, true);
        assertThat(anonymous.statusCode()).as("nothing learnt without a key").isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyThatEndsBeforeItsLengthOrHasBrokenChunksIsTheClientsFault() throws Exception {
        String head = "POST /api/videos HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + server.apiKey + "\r\nContent-Type: application/json\r\n";
        for (String request : new String[] {head + "Content-Length: 100\r\n\r\n{\"title\":", head + "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
                head + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n", head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"ti"}) {
            RawHttp.Answer answer = RawHttp.exchange("127.0.0.1", server.server.port(), request.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();

            assertThat(answer.status()).as(request).isEqualTo(400);
            assertThat(json.readTree(answer.body()).get("type").asText()).as(request).isEqualTo("/problems/malformed-request");
        }
        assertThat(server.videos.all()).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutBeingReadWhole() throws Exception {
        byte[] huge = ("{\"title\": \"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(server.request("/api/videos").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, "body", true);
    }

    @Test
    void textTheDatabaseCannotHoldIsRefusedNamingItsFieldAndNothingIsStored() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("title", "{\"title\": \"a\\u0000\\n12:00:00.000 INFO  [main] Forged - admin signed in\", \"scenes\": [" + SCENE + "]}");
        bodies.put("scenes[0].script", "{\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"half \\ud800 a pair\"}]}");
        bodies.put("scenes[0].avatarId", "{\"scenes\": [{\"avatarId\": \"a\\u202egpj.exe\", \"voiceId\": \"v\", \"script\": \"s\"}]}");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = post("/api/videos", body.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertProblem(response, body.getKey(), true);
        }
        ByteArrayOutputStream overlong = new ByteArrayOutputStream();
        overlong.writeBytes("{\"title\": \"a".getBytes(StandardCharsets.UTF_8));
        overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        overlong.writeBytes(("\", \"scenes\": [" + SCENE + "]}").getBytes(StandardCharsets.UTF_8));
        assertProblem(post("/api/videos", overlong.toByteArray()), "body", true);

        assertThat(server.videos.all()).isEmpty();
    }

    private String createVideo() throws Exception {
        HttpResponse<String> created = post("/api/videos", ("{\"scenes\": [" + SCENE + "]}").getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(202);
        return json.readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return send(server.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, String field, boolean hasBody) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
        if (!hasBody) {
            return;
        }
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        if (field != null) {
            assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }
}
