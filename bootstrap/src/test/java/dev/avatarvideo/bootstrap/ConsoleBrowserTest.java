package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console in a real browser (Debian's headless Chromium through its chromedriver) against the real wiring with the
 * simulator: sign in, create a video through the form, watch it reach READY without a reload, and play the stored
 * file until time moves. A screenshot of the playing video is left in {@code target/} for the record.
 */
class ConsoleBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrowserTest.class);
    private static final Path SCREENSHOT = Path.of("target", "console-playing-video.png");
    private static final String TITLE = "Browser lesson: welcome";

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;

    private AvatarVideoService service;
    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        chromium = HeadlessChromium.start(browserProfile, "chromedriver.log");
        browser = chromium.browser;
        service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0", "SIMULATOR_RENDER_MS", "2000", "HEYGEN_POLL_INTERVAL_MS", "300")));
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aVideoCreatedInTheConsoleBecomesReadyLiveAndPlays() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(service.baseUrl() + "/");

        browser.findElement(By.id("api-key")).sendKeys(apiKey());
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scenes .avatar option[value='sim-avatar-anna']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scenes .voice option[value='sim-voice-en-1']")));

        browser.findElement(By.id("title")).sendKeys(TITLE);
        new Select(browser.findElement(By.cssSelector("#scenes .avatar"))).selectByValue("sim-avatar-anna");
        new Select(browser.findElement(By.cssSelector("#scenes .voice"))).selectByValue("sim-voice-en-1");
        browser.findElement(By.cssSelector("#scenes .script")).sendKeys("Welcome to the course. This video plays in the console.");
        // Survives only as long as the page does: a reload would wipe it.
        js("window.consoleTestMarker = 'still the same page';");
        browser.findElement(By.id("create-video")).click();

        WebElement row = wait.until(d -> d.findElements(By.cssSelector("#video-list > li")).stream()
                .filter(li -> li.getText().contains(TITLE)).findFirst().orElse(null));
        String videoId = row.getAttribute("data-video-id");
        By thisRow = By.cssSelector("#video-list > li[data-video-id='" + videoId + "']");
        List<String> statusesSeen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(100)).until(d -> {
            String status = d.findElement(thisRow).getAttribute("data-status");
            if (statusesSeen.isEmpty() || !statusesSeen.getLast().equals(status)) {
                statusesSeen.add(status);
            }
            if ("FAILED".equals(status)) {
                throw new AssertionError("the video failed: " + d.findElement(thisRow).getText());
            }
            return "READY".equals(status);
        });
        LOG.info("statuses the console showed for video {}: {}", videoId, statusesSeen);

        assertThat(statusesSeen).as("seen while still on its way, then changed in place").hasSizeGreaterThanOrEqualTo(2)
                .first().isIn("QUEUED", "RENDERING", "INGESTING");
        assertThat(statusesSeen).last().isEqualTo("READY");
        assertThat(js("return window.consoleTestMarker;")).as("no reload happened").isEqualTo("still the same page");
        assertThat(browser.findElement(thisRow).findElement(By.cssSelector("progress")).getAttribute("value")).isEqualTo("100");

        // Muted, so autoplay rules let it play without sound hardware or a further gesture.
        js("document.getElementById('player').muted = true;");
        browser.findElement(thisRow).findElement(By.cssSelector("button.play")).click();
        wait.until(d -> Boolean.TRUE.equals(js("const p = document.getElementById('player'); return p.readyState >= 2 && p.duration > 0;")));
        double duration = number("return document.getElementById('player').duration;");
        long readyState = ((Number) js("return document.getElementById('player').readyState;")).longValue();
        double startedAt = number("return document.getElementById('player').currentTime;");
        wait.until(d -> number("return document.getElementById('player').currentTime;") > startedAt + 0.5);
        boolean playing = Boolean.TRUE.equals(js("const p = document.getElementById('player'); return !p.paused && !p.ended && p.error === null;"));

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        LOG.info("the video plays: duration {} s, readyState {}; screenshot in {}", duration, readyState, SCREENSHOT.toAbsolutePath());

        assertThat(duration).isGreaterThan(0);
        assertThat(readyState).isGreaterThanOrEqualTo(2);
        assertThat(playing).isTrue();
        assertThat(browser.findElement(By.id("player")).getAttribute("src")).contains("/files/default/").contains("signature=");
        assertThat(browser.findElement(By.id("player-file")).getText()).contains("sha256:").contains("filesystem");
    }

    /** The key the first start wrote, as a newcomer following the README finds it. */
    private String apiKey() {
        return ApiKeyFiles.defaultKey(dataDir);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private double number(String script) {
        return ((Number) js(script)).doubleValue();
    }
}
