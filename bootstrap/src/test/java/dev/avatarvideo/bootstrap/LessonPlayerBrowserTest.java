package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, acceptance 2, in headless Chromium against the real wiring: a READY lesson with sidecar captions shows its
 * poster in the console's player before it plays, plays, and the captions track's first active cue is the first
 * scene's script.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonPlayerBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(LessonPlayerBrowserTest.class);
    private static final Path SCREENSHOT = Path.of("target", "console-lesson-with-captions.png");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    private ConsoleBrowser console;

    @BeforeAll
    void start() {
        console = ConsoleBrowser.start(dataDir, browserProfile, Map.of());
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void theLessonShowsItsPosterBeforePlayThenPlaysWithTheFirstScenesScriptAsItsActiveCue() {
        String id = console.api.expect(202, "POST", "/api/videos", console.key,
                LessonBundleEndToEndTest.requestBody("Browser lesson: captions", "sidecar")).get("id").asText();
        console.awaitStatus(id, "READY");
        JsonNode video = console.video(id);
        console.signIn();
        console.js("location.hash = arguments[0];", "#video/" + id);
        WebElement player = console.until(d -> {
            WebElement element = d.findElement(By.id("player"));
            return element.getAttribute("src") != null && !element.getAttribute("src").isEmpty() ? element : null;
        });

        // The properties, not the attributes: addresses resolved as the browser loads them.
        String poster = (String) console.js("return arguments[0].poster;", player);
        boolean notStarted = Boolean.TRUE.equals(console.js("const p = arguments[0]; return p.paused && p.currentTime === 0;", player));
        Object posterLoads = console.browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const image = new Image();
                image.onload = () => done(image.naturalWidth > 0 && image.naturalHeight > 0);
                image.onerror = () => done('the poster did not load');
                image.src = arguments[0].poster;""", player);
        WebElement track = player.findElement(By.tagName("track"));

        assertThat(poster).as("the player's poster").isNotBlank();
        assertThat(path(poster)).as("the poster the API lists").isEqualTo(path(video.at("/poster/fileUrl").asText()));
        assertThat(notStarted).as("the poster shows before play: the video has not started").isTrue();
        assertThat(posterLoads).as("the poster's address loads as a picture").isEqualTo(Boolean.TRUE);
        assertThat(path((String) console.js("return arguments[0].src;", track))).as("the track is the WebVTT file").isEqualTo(path(video.at("/captionFiles/vtt/fileUrl").asText()));

        console.browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // Muted, so autoplay rules let it play without a gesture; the first cue change reports what the track shows then.
        @SuppressWarnings("unchecked")
        Map<String, Object> firstCue = (Map<String, Object>) console.browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const player = arguments[0];
                const track = player.textTracks[0];
                track.mode = 'showing';
                track.addEventListener('cuechange', function first() {
                    if (track.activeCues && track.activeCues.length > 0) {
                        track.removeEventListener('cuechange', first);
                        done({text: track.activeCues[0].text, at: player.currentTime, cues: track.cues.length});
                    }
                });
                player.muted = true;
                player.play().catch((e) => done({error: String(e)}));""", player);
        double startedAt = number(player);
        console.until(d -> number(player) > startedAt + 0.5);
        console.screenshot(SCREENSHOT);
        LOG.info("first active cue {}; played on to {} s", firstCue, number(player));

        assertThat(firstCue).as("the first active cue").doesNotContainKey("error").containsEntry("text", LessonBundleEndToEndTest.SCRIPTS.get(0));
        assertThat(((Number) firstCue.get("cues")).intValue()).as("one cue per scene").isEqualTo(LessonBundleEndToEndTest.SCRIPTS.size());
        assertThat(Boolean.TRUE.equals(console.js("const p = arguments[0]; return !p.paused && p.error === null;", player))).as("playing").isTrue();
        assertThat(console.pageErrors()).isEmpty();
    }

    private double number(WebElement player) {
        return ((Number) console.js("return arguments[0].currentTime;", player)).doubleValue();
    }

    /** An address without its signature: the console fetches the video afresh, so its addresses are signed anew. */
    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawAuthority() + uri.getRawPath();
    }
}
