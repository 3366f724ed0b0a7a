package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the console's browser tests share: the real service (its whole wiring) against a HeyGen simulator of the test's
 * own, so renders can be made to fail, and Debian's headless Chromium driven through its chromedriver. Nothing is
 * downloaded: without Chromium the tests stand aside, except under CI, where they fail.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final int WIDE = 1400;
    static final int NARROW = 375;
    private static final Pattern API_REFUSAL = Pattern.compile("/api/\\S* - Failed to load resource: the server responded with a status of 4\\d\\d");

    final TrackingFixture fixture;
    final HeyGenSimulator simulator;
    final AvatarVideoService service;
    final ApiCalls api;
    final String key;
    final ChromeDriver browser;
    private final HeadlessChromium chromium;

    private ConsoleBrowser(TrackingFixture fixture, HeyGenSimulator simulator, AvatarVideoService service, String key,
                           HeadlessChromium chromium) {
        this.fixture = fixture;
        this.simulator = simulator;
        this.service = service;
        this.api = new ApiCalls(service.baseUrl());
        this.key = key;
        this.chromium = chromium;
        this.browser = chromium.browser;
    }

    /** The service on {@code dataDir} with {@code settings} on top of the fixture's, and a browser with a fresh profile. */
    static ConsoleBrowser start(Path dataDir, Path browserProfile, Map<String, String> settings) {
        HeadlessChromium.requireBrowser();
        TrackingFixture fixture = new TrackingFixture();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(1500)));
            started.add(simulator);
            Map<String, String> extra = new HashMap<>(Map.of("HEYGEN_POLL_INTERVAL_MS", "300"));
            extra.putAll(settings);
            AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, 0,
                    simulator.baseUrl(), simulator.apiKey(), extra)));
            started.add(service);
            return new ConsoleBrowser(fixture, simulator, service, ApiKeyFiles.defaultKey(dataDir),
                    HeadlessChromium.start(browserProfile, "chromedriver.log", ConsoleBrowser::wideWithPageLog));
        } catch (RuntimeException | Error e) {
            for (AutoCloseable each : started.reversed()) {
                try {
                    each.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static void wideWithPageLog(ChromeOptions options) {
        options.addArguments("--hide-scrollbars", "--window-size=" + WIDE + ",1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
    }

    // ---- Driving the page

    /** A fresh tab state on {@code base} (the service, or a proxy in front of it), signed in with the default key. */
    void signIn(URI base) {
        browser.get(base + "/console");
        js("sessionStorage.clear();");
        browser.navigate().refresh();
        browser.findElement(By.id("api-key")).sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
        await().until(d -> !d.findElements(By.cssSelector("#avatar-options [data-avatar-id='sim-avatar-anna']")).isEmpty());
        await().until(d -> "connected".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        pageErrors();
    }

    void signIn() {
        signIn(service.baseUrl());
    }

    WebDriverWait await() {
        return await(Duration.ofSeconds(30));
    }

    /** Waits, looking again when the page redrew what was being looked at. */
    WebDriverWait await(Duration patience) {
        WebDriverWait wait = new WebDriverWait(browser, patience, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The message element beside a form control, where the console says what is wrong with it. */
    WebElement messageBeside(WebElement control) {
        return (WebElement) js("return arguments[0].closest('.field').querySelector('.field-error');", control);
    }

    /** Picks an avatar for a scene from the gallery, as a person does. */
    void chooseAvatar(WebElement scene, String avatarId) {
        scene.findElement(By.cssSelector(".avatar-choice")).click();
        WebElement option = await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#avatar-options [data-avatar-id='" + avatarId + "']")));
        option.click();
        await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("avatar-dialog")));
    }

    WebElement lastScene() {
        List<WebElement> scenes = browser.findElements(By.cssSelector("#scenes .scene"));
        return scenes.getLast();
    }

    /** Fills the form's last scene and title and requests the video; answers its id once its row appears. */
    String createVideoInForm(String title, String script) {
        browser.findElement(By.id("title")).sendKeys(title);
        WebElement scene = lastScene();
        chooseAvatar(scene, "sim-avatar-anna");
        new Select(scene.findElement(By.cssSelector(".voice"))).selectByValue("sim-voice-en-1");
        setValue(scene.findElement(By.cssSelector(".script")), script);
        browser.findElement(By.id("create-video")).click();
        WebElement row = await().until(d -> d.findElements(By.cssSelector("#video-list > li")).stream()
                .filter(li -> li.getText().contains(title)).findFirst().orElse(null));
        return row.getAttribute("data-video-id");
    }

    /** Puts text into a field as if pasted: the whole of it at once, with the input event a paste fires. */
    void setValue(WebElement field, String text) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, text);
    }

    By row(String videoId) {
        return By.cssSelector("#video-list > li[data-video-id='" + videoId + "']");
    }

    /** Waits until a row shows {@code status}; a video that fails on the way when it should not fails the test. */
    void awaitRowStatus(String videoId, String status) {
        await(Duration.ofSeconds(90)).until(d -> {
            String shown = d.findElement(row(videoId)).getAttribute("data-status");
            if ("FAILED".equals(shown) && !"FAILED".equals(status)) {
                throw new AssertionError("the video failed: " + d.findElement(row(videoId)).getText());
            }
            return status.equals(shown);
        });
    }

    /** Survives only as long as the page does: a reload would wipe it. */
    void markPage() {
        js("window.consoleTestMarker = 'still the same page';");
    }

    void assertNotReloaded() {
        assertThat(js("return window.consoleTestMarker;")).as("no reload happened").isEqualTo("still the same page");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Sets the page's viewport to {@code width} CSS pixels (and {@code height}), as a phone or a desktop shows it. */
    void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** The viewport as it is, into {@code file}. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the page logged as an error since the last look: script errors and refused loads (the content security
     * policy's among them). The API's own refusals are left out: showing them is the page's job, and tests check that.
     */
    List<String> pageErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !API_REFUSAL.matcher(message).find())
                .toList();
    }

    // ---- Through the API, as the platform would

    String requestVideo(String title) {
        return api.expect(202, "POST", "/api/videos", key, ApiCalls.video(title)).get("id").asText();
    }

    JsonNode video(String id) {
        return api.expect(200, "GET", "/api/videos/" + id, key, null);
    }

    /** Waits for a status; a video that fails when it should not ends the wait at once. */
    void awaitStatus(String id, String status) {
        TrackingFixture.await("video " + id + " " + status, () -> {
            JsonNode video = video(id);
            String now = video.get("status").asText();
            if (now.equals("FAILED") && !status.equals("FAILED")) {
                throw new AssertionError("video " + id + " failed: " + video.get("error"));
            }
            return now.equals(status);
        });
    }

    /** A video that failed at HeyGen, made while the simulator fails every render. */
    String failedVideo(String title) {
        simulator.useFaults(SimulatorFaults.none().withRenderFailures(1.0));
        try {
            String id = requestVideo(title);
            awaitStatus(id, "FAILED");
            return id;
        } finally {
            simulator.useFaults(SimulatorFaults.none());
        }
    }

    <T> T until(Function<WebDriver, T> condition) {
        return await().until(condition);
    }

    @Override
    public void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (service != null) {
            service.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
