package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.adapters.web.JavalinServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the console looks and loads: every main screen fits a 375 px wide phone as well as a 1400 px desktop (no sideways
 * scrolling, a header that does not break, avatar names whole), and avatar previews come lazily from the one origin
 * the content security policy allows. It leaves screenshots of each screen at both widths in
 * {@code target/console-screenshots/} (those in {@code docs/console/} are made this way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLayoutBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLayoutBrowserTest.class);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final int TALLEST_SCREENSHOT = 2200;

    /** Static, so JUnit makes them before the one start of the class (it injects instance fields only per test). */
    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    private ConsoleBrowser console;
    private String ready;
    private String topicId;

    @BeforeAll
    void start() throws Exception {
        console = ConsoleBrowser.start(dataDir, browserProfile, Map.of());
        ready = console.api.expect(202, "POST", "/api/videos", console.key, """
                {"title": "Lesson 1: Welcome to the course", "scenes": [
                 {"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Welcome! In this course you learn to film yourself."},
                 {"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "First, find a quiet room with soft light."}]}""")
                .get("id").asText();
        console.awaitStatus(ready, "READY");
        console.failedVideo("Lesson 2: Lighting (failed at HeyGen)");
        topicId = topicWithAFile("""
                {"title": "Module 1: Getting started", "language": "en", "contents": [
                 {"type": "text", "text": "Watch the welcome video, then read the checklist."},
                 {"type": "avatarVideo", "videoId": "%s"}, {"type": "file", "part": "checklist"}]}""".formatted(ready));
        // One video stays on its way for the screenshots: its render is made to take minutes.
        console.simulator.renderTimePerScriptCharacter(Duration.ofSeconds(20));
        try {
            console.awaitStatus(console.requestVideo("Lesson 3: Sound"), "RENDERING");
        } finally {
            console.simulator.renderTimePerScriptCharacter(Duration.ZERO);
        }
    }

    /** A topic as the platform sends one with a file: multipart, the JSON in the part 'topic', the file in 'checklist'. */
    private String topicWithAFile(String topicJson) throws Exception {
        String boundary = "console-layout-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"topic\"\r\nContent-Type: application/json\r\n\r\n"
                + topicJson + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"checklist\"; filename=\"checklist.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nQuiet room. Soft light. Clip-on microphone.\r\n--" + boundary + "--\r\n";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console.service.baseUrl().resolve("/api/topics"))
                .header("Authorization", "Bearer " + console.key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return console.api.read(created.body()).get("id").asText();
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void avatarPreviewsComeLazilyFromTheOneOriginThePolicyAllows() {
        console.viewport(ConsoleBrowser.WIDE, 900);
        console.signIn();
        console.js("window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.blockedURI));");
        assertThat(previewsFetched()).as("nothing fetched before the gallery opens").isZero();

        console.lastScene().findElement(By.cssSelector(".avatar-choice")).click();
        console.until(ExpectedConditions.visibilityOfElementLocated(By.id("avatar-dialog")));
        List<WebElement> images = console.browser.findElements(By.cssSelector("#avatar-options img.avatar-thumb"));
        JsonNode avatars = console.api.expect(200, "GET", "/api/avatars", console.key, null).get("items");
        assertThat(images).hasSize(avatars.size());
        console.until(d -> images.stream().allMatch(image -> Boolean.TRUE.equals(console.js("return arguments[0].complete && arguments[0].naturalWidth > 0;", image))));
        String simulator = JavalinServer.ConsoleOrigins.originOf(console.simulator.baseUrl());
        assertThat(images).allSatisfy(image -> {
            assertThat(image.getAttribute("loading")).isEqualTo("lazy");
            assertThat(image.getAttribute("src")).startsWith(simulator + "/sim-previews/");
        });
        assertThat(previewsFetched()).isEqualTo(avatars.size());

        HttpResponse<String> page = console.api.call("GET", "/console", (String) null, null);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        List<String> imageSources = directive(policy, "img-src");
        List<String> media = directive(policy, "media-src");
        assertThat(imageSources.subList(0, 2)).containsExactly("'self'", simulator);
        assertThat(imageSources.subList(2, imageSources.size())).as("besides avatar previews, only where stored files (posters) live").isSubsetOf(media);
        assertThat(policy).doesNotContain("http:;").doesNotContain("https:;");
        console.js("const probe = new Image(); probe.src = 'https://elsewhere.example/tracker.png'; document.body.append(probe);");
        console.until(d -> ((List<?>) console.js("return window.violations;")).size() == 1);
        assertThat(console.js("return window.violations;")).asInstanceOf(InstanceOfAssertFactories.list(String.class)).as("only the stranger was refused")
                .containsExactly("https://elsewhere.example/tracker.png");
    }

    @Test
    void everyMainScreenFitsAPhoneAndADesktop() {
        console.signIn();
        for (int width : new int[] {ConsoleBrowser.WIDE, ConsoleBrowser.NARROW}) {
            console.viewport(width, width == ConsoleBrowser.WIDE ? 900 : 812);
            console.browser.get(console.service.baseUrl() + "/console#videos");
            console.browser.navigate().refresh();
            console.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
            console.until(d -> !d.findElements(By.cssSelector("#avatar-options .avatar-option")).isEmpty());

            showVideoList(width);
            showNewVideoForm(width);
            showAvatarGallery(width);
            showVideo(width);
            showTopicEditor(width);
            showTopic(width);
        }
        assertThat(console.pageErrors()).isEmpty();
    }

    private void showVideoList(int width) {
        console.browser.get(console.service.baseUrl() + "/console#videos");
        console.until(d -> d.findElements(By.cssSelector("#video-list > li")).size() >= 3);
        fits("video list", width);
        WebElement failed = console.browser.findElement(By.cssSelector("#video-list > li[data-status='FAILED']"));
        assertThat(failed.findElements(By.tagName("progress"))).isEmpty();
        if (width == ConsoleBrowser.WIDE) {
            screenshotPage("videos", width, null);
        } else {
            screenshotPage("video-list", width, "videos-heading");
        }
    }

    private void showNewVideoForm(int width) {
        console.js("window.scrollTo(0, 0);");
        WebElement scene = console.lastScene();
        console.chooseAvatar(scene, "sim-avatar-dana-twin");
        console.setValue(scene.findElement(By.cssSelector(".script")), "Hello! I am your digital twin. ".repeat(3));
        console.browser.findElement(By.id("add-scene")).click();
        console.setValue(console.lastScene().findElement(By.cssSelector(".script")), "x".repeat(5012));
        WebElement chosen = console.lastScene().findElement(By.cssSelector(".avatar-choice .avatar-name"));
        assertThat(chosen.getText()).as("the whole name").isEqualTo("Dana, your digital twin (simulated)");
        assertNotCut(chosen);
        fits("new video form", width);
        if (width == ConsoleBrowser.NARROW) {
            screenshotPage("new-video", width, null);
        }
        console.lastScene().findElement(By.cssSelector(".remove-scene")).click();
    }

    private void showAvatarGallery(int width) {
        console.lastScene().findElement(By.cssSelector(".avatar-choice")).click();
        WebElement dialog = console.until(ExpectedConditions.visibilityOfElementLocated(By.id("avatar-dialog")));
        console.until(d -> d.findElements(By.cssSelector("#avatar-options img")).stream()
                .allMatch(image -> Boolean.TRUE.equals(console.js("return arguments[0].complete;", image))));
        for (WebElement name : console.browser.findElements(By.cssSelector("#avatar-options .avatar-name"))) {
            assertNotCut(name);
        }
        assertThat(((Number) console.js("return arguments[0].getBoundingClientRect().right;", dialog)).doubleValue()).isLessThanOrEqualTo(width);
        screenshotWindow("avatar-gallery", width);
        console.browser.findElement(By.id("avatar-dialog-close")).click();
    }

    private void showVideo(int width) {
        console.browser.get(console.service.baseUrl() + "/console#video/" + ready);
        console.until(d -> Boolean.TRUE.equals(console.js("const p = document.getElementById('player'); return p.readyState >= 2;")));
        console.until(d -> d.findElement(By.id("player-file")).getText().contains("sha256:"));
        fits("video", width);
        screenshotPage("video-detail", width, null);
    }

    private void showTopicEditor(int width) {
        console.browser.get(console.service.baseUrl() + "/console#topic/" + topicId + "/edit");
        console.until(d -> d.findElements(By.cssSelector("#topic-contents > .content-item")).size() == 3);
        console.browser.findElement(By.id("add-file")).click();
        fits("topic editor", width);
        screenshotPage("topic-editor", width, null);
    }

    private void showTopic(int width) {
        console.browser.get(console.service.baseUrl() + "/console#topic/" + topicId);
        console.until(d -> d.findElements(By.cssSelector("#topic-view .topic-content")).size() == 3);
        fits("topic", width);
        screenshotPage("topic", width, null);
    }

    /** No sideways scrolling, and the header's parts side by side or stacked, never on top of each other. */
    private void fits(String screen, int width) {
        long scrollWidth = ((Number) console.js("return document.documentElement.scrollWidth;")).longValue();
        assertThat(scrollWidth).as("%s at %d px: nothing wider than the window", screen, width).isLessThanOrEqualTo(width);
        List<Map<String, Object>> boxes = new ArrayList<>();
        for (String selector : List.of(".bar h1", "#tabs", "#connection", "#sign-out")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> box = (Map<String, Object>) console.js(
                    "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top,"
                            + " bottom: r.bottom, width: r.width};", selector);
            assertThat(number(box, "width")).as("%s: %s shown", screen, selector).isPositive();
            assertThat(number(box, "left")).as("%s: %s inside", screen, selector).isGreaterThanOrEqualTo(0);
            assertThat(number(box, "right")).as("%s: %s inside", screen, selector).isLessThanOrEqualTo(width);
            boxes.add(box);
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(overlap(boxes.get(i), boxes.get(j))).as("%s at %d px: header parts %d and %d overlap", screen, width, i, j).isFalse();
            }
        }
    }

    private void assertNotCut(WebElement text) {
        boolean overflows = Boolean.TRUE.equals(console.js(
                "const e = arguments[0]; return e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis';", text));
        assertThat(overflows).as("'%s' is shown whole", text.getText()).isFalse();
    }

    private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        return number(a, "left") < number(b, "right") && number(b, "left") < number(a, "right")
                && number(a, "top") < number(b, "bottom") && number(b, "top") < number(a, "bottom");
    }

    private static double number(Map<String, Object> box, String key) {
        return ((Number) box.get(key)).doubleValue();
    }

    private long previewsFetched() {
        return ((Number) console.js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/sim-previews/')).length;"))
                .longValue();
    }

    /**
     * The page from the element {@code fromId} (the top when null) as far down as it goes, up to a limit, into
     * target/console-screenshots/<name>-<width>.png.
     */
    private void screenshotPage(String name, int width, String fromId) {
        long top = fromId == null ? 0
                : Math.max(0, ((Number) console.js("return Math.floor(document.getElementById(arguments[0]).getBoundingClientRect().top + window.scrollY) - 12;",
                        fromId)).longValue());
        long height = Math.min(TALLEST_SCREENSHOT, ((Number) console.js("return document.documentElement.scrollHeight;")).longValue() - top);
        save(name, width, console.browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", top, "width", width, "height", height, "scale", 1))));
    }

    /** What the window shows (a dialog above the page), into target/console-screenshots/<name>-<width>.png. */
    private void screenshotWindow(String name, int width) {
        save(name, width, console.browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png")));
    }

    private void save(String name, int width, Map<String, Object> shot) {
        Path file = SCREENSHOTS.resolve(name + "-" + width + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, Base64.getDecoder().decode(((String) shot.get("data")).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("screenshot {}", file.toAbsolutePath());
    }

    private static List<String> directive(String policy, String name) {
        return java.util.Arrays.stream(policy.split(";")).map(String::strip).filter(d -> d.startsWith(name + " "))
                .findFirst().map(d -> List.of(d.substring(name.length() + 1).strip().split("\\s+"))).orElseThrow();
    }
}
