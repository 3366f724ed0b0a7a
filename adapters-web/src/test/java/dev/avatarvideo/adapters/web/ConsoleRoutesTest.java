package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.domain.TenantId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files come from the jar, under a strict content security policy, and revalidate cheaply. */
class ConsoleRoutesTest {

    @TempDir
    Path uploads;

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeBackedServer backend;

    @BeforeEach
    void start() {
        backend = new FakeBackedServer(TenantId.of("console"), uploads, JavalinServer.Operations.none());
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void theRootLeadsToTheConsole() throws Exception {
        HttpResponse<String> root = get("/", null);

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).contains("/console");
    }

    @Test
    void theConsolePageLoadsItsScriptAndStylesFromThisServiceOnly() throws Exception {
        HttpResponse<String> page = get("/console/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(get("/console", null).body()).isEqualTo(page.body());
        assertThat(page.body()).contains("<script src=\"/console/console.js\" defer></script>").contains("href=\"/console/console.css\"")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(get("/console/console.js", null).body()).contains("class SseParser").contains("Authorization");
        assertThat(get("/console/console.css", null).headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void anUnchangedFileAnswers304ToItsETag() throws Exception {
        HttpResponse<String> first = get("/console/console.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/console/console.js", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void aFileTheConsoleDoesNotHaveIsAProblem404AndAnEncodedTraversalA400() throws Exception {
        HttpResponse<String> missing = get("/console/pom.xml", null);
        HttpResponse<String> traversal = get("/console/..%2Fpom.xml", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(traversal.statusCode()).isEqualTo(400);
        for (HttpResponse<String> refused : java.util.List.of(missing, traversal)) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
