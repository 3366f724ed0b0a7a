package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files come from the jar, under a strict content security policy, and revalidate cheaply. */
class ConsoleRoutesTest {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]*? from '\\./([a-z-]+\\.js)';");

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
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>").contains("href=\"/console/console.css\"")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("style=").doesNotContain("onclick");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self';").contains("connect-src 'self';").contains("img-src 'self';")
                        .contains("media-src 'self' blob:;").contains("frame-ancestors 'none'").doesNotContain("unsafe").doesNotContain("http:"));
        assertThat(get("/console/sse.js", null).body()).contains("class SseParser").contains("Authorization");
        assertThat(get("/console/console.css", null).headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    }

    /** A module that imports one the service does not serve would break the whole page in the browser, silently. */
    @Test
    void everyModuleThePageImportsIsServedAsJavaScript() throws Exception {
        Set<String> seen = new TreeSet<>();
        Deque<String> toLoad = new ArrayDeque<>(List.of("app.js"));
        while (!toLoad.isEmpty()) {
            String module = toLoad.pop();
            if (!seen.add(module)) {
                continue;
            }
            HttpResponse<String> served = get("/console/" + module, null);
            assertThat(served.statusCode()).as(module).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).as(module).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
            Matcher imports = IMPORT.matcher(served.body());
            while (imports.find()) {
                toLoad.push(imports.group(1));
            }
        }
        assertThat(seen).as("no module listed but unused").containsExactlyInAnyOrderElementsOf(ConsoleRoutes.MODULES);
    }

    @Test
    void picturesAndVideosMayComeOnlyFromTheOriginsTheServiceNames() {
        JavalinServer.ConsoleOrigins origins = new JavalinServer.ConsoleOrigins(List.of("https://*.heygen.ai"),
                List.of(JavalinServer.ConsoleOrigins.originOf(URI.create("https://Bucket.S3.eu-west-1.amazonaws.com/acme/1.mp4?X-Amz-Signature=x"))));

        String csp = ConsoleRoutes.contentSecurityPolicy(origins);

        assertThat(csp).contains("img-src 'self' https://*.heygen.ai;").contains("media-src 'self' https://bucket.s3.eu-west-1.amazonaws.com blob:;")
                .as("captions are fetched from where the videos are").contains("connect-src 'self' https://bucket.s3.eu-west-1.amazonaws.com;")
                .contains("script-src 'self';").contains("default-src 'self';");
        assertThat(JavalinServer.ConsoleOrigins.originOf(URI.create("http://127.0.0.1:41234/sim-previews/a.svg"))).isEqualTo("http://127.0.0.1:41234");
        assertThat(JavalinServer.ConsoleOrigins.originOf(URI.create("http://[::1]:8080/files/x"))).isEqualTo("http://[::1]:8080");
        String underscored = JavalinServer.ConsoleOrigins.originOf(URI.create("http://project_minio_1:9000/bucket/acme/1.mp4"));
        assertThat(underscored).isEqualTo("http://project_minio_1:9000");
        assertThat(JavalinServer.ConsoleOrigins.nameable(underscored)).as("a policy's hosts have no underscores").isFalse();
        for (String hostile : List.of("https://a.example; script-src *", "'unsafe-inline'", "*", "https:", "https://a.example/path", "data:")) {
            assertThatThrownBy(() -> new JavalinServer.ConsoleOrigins(List.of(hostile), List.of())).as(hostile)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anUnchangedFileAnswers304ToItsETag() throws Exception {
        HttpResponse<String> first = get("/console/app.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/console/app.js", etag);

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
