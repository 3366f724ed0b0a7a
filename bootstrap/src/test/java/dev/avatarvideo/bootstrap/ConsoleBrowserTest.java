package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.domain.Scene;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's video screens in a real browser against the real wiring: create, watch live, play; a failed video and
 * its retry; delete and the service's refusal; the status filter; the script limit; refusals beside their fields.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrowserTest.class);
    private static final Path SCREENSHOT = Path.of("target", "console-playing-video.png");

    /** Static, so JUnit makes them before the one start of the class (it injects instance fields only per test). */
    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    private ConsoleBrowser console;

    @BeforeAll
    void start() throws Exception {
        console = ConsoleBrowser.start(dataDir, browserProfile, Map.of());
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aVideoCreatedInTheConsoleBecomesReadyLiveAndPlays() throws Exception {
        console.signIn();
        console.markPage();
        String videoId = console.createVideoInForm("Browser lesson: welcome", "Welcome to the course. This video plays in the console.");

        List<String> statusesSeen = new ArrayList<>();
        console.await(Duration.ofSeconds(120)).until(d -> {
            String status = d.findElement(console.row(videoId)).getAttribute("data-status");
            if (statusesSeen.isEmpty() || !statusesSeen.getLast().equals(status)) {
                statusesSeen.add(status);
            }
            if ("FAILED".equals(status)) {
                throw new AssertionError("the video failed: " + d.findElement(console.row(videoId)).getText());
            }
            return "READY".equals(status);
        });
        LOG.info("statuses the console showed for video {}: {}", videoId, statusesSeen);

        assertThat(statusesSeen).as("seen while still on its way, then changed in place").hasSizeGreaterThanOrEqualTo(2)
                .first().isIn("QUEUED", "RENDERING", "INGESTING");
        assertThat(statusesSeen).last().isEqualTo("READY");
        console.assertNotReloaded();
        assertThat(console.browser.findElement(console.row(videoId)).findElement(By.cssSelector("progress")).getAttribute("value")).isEqualTo("100");

        // Muted, so autoplay rules let it play without sound hardware or a further gesture.
        console.js("document.getElementById('player').muted = true;");
        console.browser.findElement(console.row(videoId)).findElement(By.cssSelector("button.play")).click();
        console.until(d -> Boolean.TRUE.equals(console.js("const p = document.getElementById('player'); return p.readyState >= 2 && p.duration > 0;")));
        double duration = number("return document.getElementById('player').duration;");
        double startedAt = number("return document.getElementById('player').currentTime;");
        console.until(d -> number("return document.getElementById('player').currentTime;") > startedAt + 0.5);
        boolean playing = Boolean.TRUE.equals(console.js("const p = document.getElementById('player'); return !p.paused && !p.ended && p.error === null;"));
        console.screenshot(SCREENSHOT);

        assertThat(duration).isGreaterThan(0);
        assertThat(playing).isTrue();
        assertThat(console.browser.getCurrentUrl()).endsWith("#video/" + videoId);
        assertThat(console.browser.findElement(By.id("player")).getAttribute("src")).contains("/files/default/").contains("signature=");
        assertThat(console.browser.findElement(By.id("player-file")).getText()).contains("sha256:").contains("filesystem");
        assertThat(console.browser.findElement(By.id("video-scenes")).getText()).contains("Anna (simulated)").contains("Welcome to the course.");
        console.assertNotReloaded();
        assertThat(console.pageErrors()).isEmpty();
    }

    @Test
    void aFailedVideoShowsWhyWithoutAFullBarAndARetryFollowsItLive() {
        String videoId = console.failedVideo("Fails at HeyGen first");
        JsonNode error = console.video(videoId).get("error");
        console.signIn();
        console.markPage();

        WebElement row = console.browser.findElement(console.row(videoId));
        assertThat(row.getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(row.findElements(By.tagName("progress"))).as("no progress bar for a failure").isEmpty();
        assertThat(row.findElement(By.cssSelector(".video-error")).getText()).contains(error.get("code").asText()).contains(error.get("message").asText());
        assertThat(row.findElements(By.cssSelector("button.play"))).isEmpty();

        row.findElement(By.cssSelector("button.retry")).click();
        List<String> statusesSeen = new ArrayList<>();
        console.await(Duration.ofSeconds(90)).until(d -> {
            String status = d.findElement(console.row(videoId)).getAttribute("data-status");
            if (!statusesSeen.contains(status)) {
                statusesSeen.add(status);
            }
            return "READY".equals(status);
        });

        assertThat(statusesSeen).as("queued again, then followed live to the end").containsAnyOf("QUEUED", "RENDERING").last().isEqualTo("READY");
        WebElement ready = console.browser.findElement(console.row(videoId));
        assertThat(ready.findElements(By.cssSelector(".video-error"))).isEmpty();
        assertThat(ready.findElement(By.cssSelector("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(console.video(videoId).get("status").asText()).isEqualTo("READY");
        console.assertNotReloaded();
    }

    @Test
    void deletingAsksFirstAndShowsTheServicesRefusal() {
        String shown = console.requestVideo("Shown in a topic");
        String loose = console.requestVideo("Shown nowhere");
        console.awaitStatus(shown, "READY");
        console.awaitStatus(loose, "READY");
        console.api.expect(201, "POST", "/api/topics", console.key, """
                {"title": "Keeps its video", "language": "en", "contents": [{"type": "avatarVideo", "videoId": "%s"}]}""".formatted(shown));
        console.signIn();

        console.browser.findElement(console.row(loose)).findElement(By.cssSelector("button.delete")).click();
        WebElement dialog = console.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(dialog.getText()).contains("Shown nowhere").contains("deleted for good");
        console.browser.findElement(By.id("confirm-cancel")).click();
        console.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(console.browser.findElements(console.row(loose))).as("cancelled: still there").hasSize(1);
        console.api.expect(200, "GET", "/api/videos/" + loose, console.key, null);

        console.browser.findElement(console.row(shown)).findElement(By.cssSelector("button.delete")).click();
        console.browser.findElement(By.id("confirm-ok")).click();
        WebElement refusal = console.until(d -> d.findElement(console.row(shown)).findElement(By.cssSelector(".row-problem")));
        console.until(d -> refusal.isDisplayed());
        assertThat(refusal.getText()).startsWith("Not deleted.").contains("A topic shows this video");
        console.api.expect(200, "GET", "/api/videos/" + shown, console.key, null);

        console.browser.findElement(console.row(loose)).findElement(By.cssSelector("button.delete")).click();
        console.browser.findElement(By.id("confirm-ok")).click();
        console.until(ExpectedConditions.numberOfElementsToBe(console.row(loose), 0));
        console.api.expect(404, "GET", "/api/videos/" + loose, console.key, null);
        assertThat(console.pageErrors()).isEmpty();
    }

    @Test
    void theListShowsOnlyTheStatusChosen() {
        String failed = console.failedVideo("Filter: failed");
        String ready = console.requestVideo("Filter: ready");
        console.awaitStatus(ready, "READY");
        console.signIn();

        for (Map.Entry<String, String> shown : Map.of("FAILED", failed, "READY", ready).entrySet()) {
            new Select(console.browser.findElement(By.id("status-filter"))).selectByValue(shown.getKey());
            console.until(d -> d.findElements(By.cssSelector("#video-list > li")).stream()
                    .allMatch(row -> shown.getKey().equals(row.getAttribute("data-status"))) && !d.findElements(console.row(shown.getValue())).isEmpty());
            assertThat(console.browser.findElements(console.row(failed.equals(shown.getValue()) ? ready : failed))).isEmpty();
        }
        new Select(console.browser.findElement(By.id("status-filter"))).selectByValue("");
        console.until(d -> !d.findElements(console.row(failed)).isEmpty() && !d.findElements(console.row(ready)).isEmpty());
    }

    @Test
    void aScriptOverTheLimitIsRefusedAsItIsTypedAndNeverCut() {
        int limit = Scene.MAX_SCRIPT_LENGTH;
        console.signIn();
        long videosBefore = videoCount();
        WebElement scene = console.lastScene();
        console.chooseAvatar(scene, "sim-avatar-anna");
        WebElement script = scene.findElement(By.cssSelector(".script"));
        console.setValue(script, "x".repeat(limit + 330));

        WebElement counter = scene.findElement(By.cssSelector(".counter"));
        assertThat(counter.getText()).isEqualTo(thousands(limit + 330) + " / " + thousands(limit));
        assertThat(counter.getAttribute("class")).contains("over");
        assertThat(script.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(console.messageBeside(script).getText()).contains("330 characters over the limit of " + thousands(limit));
        assertThat(script.getAttribute("maxlength")).as("nothing cuts the text").isNull();
        console.browser.findElement(By.id("create-video")).click();
        assertThat(console.browser.findElement(By.id("create-error")).getText()).startsWith("Not sent");
        assertThat(((Number) console.js("return arguments[0].value.length;", script)).intValue()).isEqualTo(limit + 330);
        assertThat(videoCount()).as("nothing was sent").isEqualTo(videosBefore);

        console.setValue(script, "y".repeat(limit));
        assertThat(counter.getText()).isEqualTo(thousands(limit) + " / " + thousands(limit));
        assertThat(script.getAttribute("aria-invalid")).isNull();
        new Select(scene.findElement(By.cssSelector(".voice"))).selectByValue("sim-voice-en-1");
        console.browser.findElement(By.id("title")).sendKeys("Exactly at the limit");
        console.browser.findElement(By.id("create-video")).click();
        console.until(d -> d.findElements(By.cssSelector("#video-list > li")).stream().anyMatch(li -> li.getText().contains("Exactly at the limit")));
        assertThat(videoCount()).isEqualTo(videosBefore + 1);
    }

    @Test
    void refusalsOfTheServiceAppearBesideTheFieldTheyName() {
        console.signIn();
        WebElement scene = console.lastScene();
        console.chooseAvatar(scene, "sim-avatar-anna");
        new Select(scene.findElement(By.cssSelector(".voice"))).selectByValue("sim-voice-en-1");
        console.setValue(scene.findElement(By.cssSelector(".script")), "Hello.");
        WebElement title = console.browser.findElement(By.id("title"));
        console.setValue(title, "T".repeat(256));
        console.browser.findElement(By.id("create-video")).click();

        WebElement beside = console.until(d -> visible(console.messageBeside(title)));
        assertThat(beside.getText()).contains("title").contains("at most 255");
        assertThat(title.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(console.browser.findElement(By.id("create-error")).getText()).contains("(title)");

        console.setValue(title, "A fine title");
        new Select(scene.findElement(By.cssSelector(".voice"))).selectByValue("");
        console.browser.findElement(By.id("create-video")).click();
        WebElement voice = scene.findElement(By.cssSelector(".voice"));
        WebElement besideVoice = console.until(d -> visible(console.messageBeside(voice)));
        assertThat(besideVoice.getText()).contains("voiceId");
        assertThat(voice.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(title.getAttribute("aria-invalid")).as("the earlier refusal is cleared").isNull();
    }

    @Test
    void aNewSceneStartsFromThePreviousScenesAvatarAndVoice() {
        console.signIn();
        WebElement first = console.lastScene();
        console.chooseAvatar(first, "sim-avatar-ben");
        assertThat(new Select(first.findElement(By.cssSelector(".voice"))).getFirstSelectedOption().getAttribute("value"))
                .as("the avatar's own voice, preselected").isEqualTo("sim-voice-en-2");
        new Select(first.findElement(By.cssSelector(".voice"))).selectByValue("sim-voice-de-1");
        console.setValue(first.findElement(By.cssSelector(".script")), "First scene.");
        console.browser.findElement(By.id("add-scene")).click();

        WebElement second = console.lastScene();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.findElement(By.cssSelector(".avatar-choice")).getText()).contains("Ben (simulated)");
        assertThat(new Select(second.findElement(By.cssSelector(".voice"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("sim-voice-de-1");
        assertThat(second.findElement(By.cssSelector(".script")).getAttribute("value")).isEmpty();
        console.setValue(second.findElement(By.cssSelector(".script")), "Second scene.");
        console.browser.findElement(By.id("title")).sendKeys("Two scenes, one presenter");
        console.browser.findElement(By.id("create-video")).click();

        WebElement row = console.until(d -> d.findElements(By.cssSelector("#video-list > li")).stream()
                .filter(li -> li.getText().contains("Two scenes, one presenter")).findFirst().orElse(null));
        JsonNode scenes = console.video(row.getAttribute("data-video-id")).get("scenes");
        assertThat(scenes).hasSize(2);
        for (JsonNode requested : scenes) {
            assertThat(requested.get("avatarId").asText()).isEqualTo("sim-avatar-ben");
            assertThat(requested.get("voiceId").asText()).isEqualTo("sim-voice-de-1");
        }
    }

    /** As the console writes counts: in English, whatever this JVM's locale. */
    private static String thousands(int count) {
        return String.format(Locale.US, "%,d", count);
    }

    private long videoCount() {
        return console.api.expect(200, "GET", "/api/videos?limit=100", console.key, null).get("items").size();
    }

    private static WebElement visible(WebElement element) {
        return element.isDisplayed() ? element : null;
    }

    private double number(String script) {
        return ((Number) console.js(script)).doubleValue();
    }
}
