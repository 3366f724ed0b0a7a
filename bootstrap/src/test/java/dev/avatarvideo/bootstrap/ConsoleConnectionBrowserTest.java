package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.testsupport.CuttingProxy;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The header's badge says what the live status connection really does. The browser reaches the service through a
 * proxy that can cut the streams and refuse new ones, as a network or a restarting service would.
 */
class ConsoleConnectionBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleConnectionBrowserTest.class);

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    private ConsoleBrowser console;
    private CuttingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        console = ConsoleBrowser.start(dataDir, browserProfile, Map.of());
        proxy = LiveStatusStreams.cuttableProxyTo(console.service.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void theBadgeFollowsTheStreamNotTheQuiet() throws Exception {
        String failed = console.failedVideo("Retried while the console is cut off");
        console.signIn(proxy.uri());
        console.markPage();
        assertThat(badge()).isEqualTo("connected");
        assertThat(text()).isEqualTo("connected");

        // Nothing happens for a while: the stream is quiet, not down.
        Thread.sleep(4000);
        assertThat(badge()).as("quiet is not offline").isEqualTo("connected");

        List<String> states = new ArrayList<>();
        proxy.cutStreams();
        console.await(Duration.ofSeconds(30)).until(d -> {
            String state = badge();
            if (states.isEmpty() || !states.getLast().equals(state)) {
                states.add(state);
            }
            return "offline".equals(state);
        });
        assertThat(states).as("first a broken stream being retried, then no service").containsSubsequence("reconnecting", "offline");
        assertThat(console.browser.findElement(By.id("connection")).getAttribute("title")).contains("Connection lost");
        assertThat(proxy.streamsRefused()).as("it kept trying").isGreaterThanOrEqualTo(2);

        // Meanwhile the failed video is retried elsewhere and finishes.
        console.api.expect(202, "POST", "/api/videos/" + failed + "/retry", console.key, null);
        console.awaitStatus(failed, "READY");
        assertThat(console.browser.findElement(console.row(failed)).getAttribute("data-status")).as("nothing reached the page").isEqualTo("FAILED");

        proxy.allowStreams();
        console.await(Duration.ofSeconds(40)).until(d -> "connected".equals(badge()));
        console.until(d -> "READY".equals(d.findElement(console.row(failed)).getAttribute("data-status")));
        LOG.info("badge states while cut off: {}; streams opened {}, cut {}, refused {}", states, proxy.streamsOpened(), proxy.streamsCut(),
                proxy.streamsRefused());
        console.assertNotReloaded();
    }

    private String badge() {
        return console.browser.findElement(By.id("connection")).getAttribute("data-state");
    }

    private String text() {
        return console.browser.findElement(By.id("connection")).getText();
    }
}
