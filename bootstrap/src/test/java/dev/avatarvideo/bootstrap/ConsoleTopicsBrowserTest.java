package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Topics in the console, in a real browser against the real wiring: made and edited with text, an uploaded file and a
 * ready video from the picker; a topic's videos followed live; the service's refusal of a file beside its control.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTopicsBrowserTest {

    /** Small, so one test can send a file over the limit; the other files stay below it. */
    private static final int MAX_FILE_BYTES = 4096;

    /** Static, so JUnit makes them before the one start of the class (it injects instance fields only per test). */
    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;
    private ConsoleBrowser console;

    @BeforeAll
    void start() throws Exception {
        console = ConsoleBrowser.start(dataDir, browserProfile,
                Map.of("TOPIC_MAX_FILE_BYTES", Integer.toString(MAX_FILE_BYTES)));
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aTopicIsMadeWithTextAFileAndAReadyVideoThenEdited() throws Exception {
        String ready = console.requestVideo("Topic video: the intro");
        console.awaitStatus(ready, "READY");
        String notReady = console.failedVideo("Topic video: failed, so not offered");
        Path notes = file("notes.txt", "Course notes: bring a pencil.");
        console.signIn();
        console.markPage();

        console.browser.findElement(By.cssSelector(".tab[data-tab='topics']")).click();
        console.until(ExpectedConditions.elementToBeClickable(By.id("new-topic"))).click();
        console.until(ExpectedConditions.visibilityOfElementLocated(By.id("topic-form")));
        console.browser.findElement(By.id("topic-title")).sendKeys("Browser topic");
        console.setValue(console.browser.findElement(By.id("topic-language")), "en");
        console.browser.findElement(By.id("add-text")).click();
        console.setValue(item(0).findElement(By.tagName("textarea")), "Read this first.");
        console.browser.findElement(By.id("add-video")).click();
        console.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#video-picker-list .picker-video[data-video-id='" + ready + "']")));
        assertThat(console.browser.findElements(By.cssSelector("#video-picker-list .picker-video[data-video-id='" + notReady + "']")))
                .as("only ready videos are offered").isEmpty();
        assertThat(console.browser.findElements(By.cssSelector("#video-picker-list .picker-video")))
                .allSatisfy(choice -> assertThat(console.video(choice.getAttribute("data-video-id")).get("status").asText()).isEqualTo("READY"));
        console.browser.findElement(By.cssSelector("#video-picker-list .picker-video[data-video-id='" + ready + "']")).click();
        console.browser.findElement(By.id("add-file")).click();
        item(2).findElement(By.cssSelector("input[type=file]")).sendKeys(notes.toString());
        console.browser.findElement(By.id("save-topic")).click();

        String topicId = console.until(d -> d.getCurrentUrl().matches(".*#topic/[0-9a-f-]{36}$") ? d.getCurrentUrl().replaceAll(".*#topic/", "") : null);
        WebElement view = console.until(ExpectedConditions.visibilityOfElementLocated(By.id("topic-view")));
        console.until(d -> view.findElements(By.cssSelector(".topic-content")).size() == 3);
        assertThat(view.getText()).contains("Browser topic").contains("Read this first.").contains("Topic video: the intro").contains("notes.txt");
        JsonNode saved = topic(topicId);
        assertThat(types(saved)).containsExactly("text", "avatarVideo", "file");
        assertThat(saved.at("/contents/1/videoId").asText()).isEqualTo(ready);
        assertThat(saved.at("/contents/2/file/fileName").asText()).isEqualTo("notes.txt");
        assertThat(saved.at("/contents/2/file/fileSize").asLong()).isEqualTo(Files.size(notes));
        String storagePath = saved.at("/contents/2/file/storagePath").asText();

        view.findElement(By.cssSelector(".edit-topic")).click();
        console.until(ExpectedConditions.visibilityOfElementLocated(By.id("topic-form")));
        console.until(d -> d.findElements(By.cssSelector("#topic-contents > .content-item")).size() == 3);
        assertThat(console.browser.findElement(By.id("topic-title")).getAttribute("value")).isEqualTo("Browser topic");
        assertThat(item(2).getText()).as("the file is shown and kept").contains("notes.txt").contains("kept");
        console.setValue(console.browser.findElement(By.id("topic-title")), "Browser topic, edited");
        WebElement file = item(2);
        file.findElement(By.cssSelector(".move-up")).click();
        file.findElement(By.cssSelector(".move-up")).click();
        assertThat(file.findElement(By.cssSelector(".move-up")).isEnabled()).as("first now").isFalse();
        item(1).findElement(By.cssSelector(".remove-content")).click();
        console.browser.findElement(By.id("add-text")).click();
        console.setValue(item(2).findElement(By.tagName("textarea")), "Added later.");
        console.browser.findElement(By.id("save-topic")).click();

        console.until(d -> d.getCurrentUrl().endsWith("#topic/" + topicId) && d.findElement(By.id("topic-view")).getText().contains("Added later."));
        JsonNode edited = topic(topicId);
        assertThat(edited.get("title").asText()).isEqualTo("Browser topic, edited");
        assertThat(types(edited)).containsExactly("file", "avatarVideo", "text");
        assertThat(edited.at("/contents/0/file/storagePath").asText()).as("the same file, not a copy").isEqualTo(storagePath);
        assertThat(edited.at("/contents/2/text").asText()).isEqualTo("Added later.");
        assertThat(console.browser.findElement(By.id("topic-list")).getText()).contains("Browser topic, edited");
        console.assertNotReloaded();
        assertThat(console.pageErrors()).isEmpty();
    }

    @Test
    void aTopicShowsItsVideosChangingLive() {
        console.signIn();
        console.markPage();
        // Slow renders, so the topic is seen while its video is still being made.
        console.simulator.renderTimePerScriptCharacter(Duration.ofMillis(400));
        String video;
        try {
            video = console.requestVideo("Live inside a topic");
            console.awaitStatus(video, "RENDERING");
        } finally {
            console.simulator.renderTimePerScriptCharacter(Duration.ZERO);
        }
        String topicId = console.api.expect(201, "POST", "/api/topics", console.key, """
                {"title": "Follows its video", "language": "en", "contents": [{"type": "text", "text": "Watch this."},
                 {"type": "avatarVideo", "videoId": "%s"}]}""".formatted(video)).get("id").asText();

        console.browser.findElement(By.cssSelector(".tab[data-tab='topics']")).click();
        console.until(ExpectedConditions.elementToBeClickable(By.id("refresh-topics"))).click();
        console.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#topic-list .topic-link[data-topic-id='" + topicId + "']"))).click();
        By inTopic = By.cssSelector("#topic-view .topic-video[data-video-id='" + video + "']");
        WebElement shown = console.until(ExpectedConditions.visibilityOfElementLocated(inTopic));
        assertThat(shown.getAttribute("data-status")).isIn("RENDERING", "INGESTING");
        assertThat(console.browser.findElement(By.id("topic-readiness")).getAttribute("data-readiness")).isEqualTo("WAITING_FOR_VIDEOS");

        console.await(Duration.ofSeconds(60)).until(d -> "READY".equals(d.findElement(inTopic).getAttribute("data-status")));
        console.until(d -> "READY".equals(d.findElement(By.id("topic-readiness")).getAttribute("data-readiness")));
        assertThat(console.browser.findElement(inTopic).findElements(By.cssSelector("button.play"))).hasSize(1);
        assertThat(topic(topicId).get("status").asText()).as("the service agrees").isEqualTo("READY");
        console.assertNotReloaded();
    }

    @Test
    void aFileTheServiceRefusesIsMarkedWhereItWasChosen() throws Exception {
        Path tooLarge = file("too-large.bin", "x".repeat(MAX_FILE_BYTES + 1));
        Path small = file("small.txt", "fine");
        console.signIn();
        console.browser.get(console.service.baseUrl() + "/console#topics/new");
        console.until(ExpectedConditions.visibilityOfElementLocated(By.id("topic-form")));
        console.browser.findElement(By.id("topic-title")).sendKeys("Too much");
        console.browser.findElement(By.id("add-file")).click();
        item(0).findElement(By.cssSelector("input[type=file]")).sendKeys(small.toString());
        console.browser.findElement(By.id("add-file")).click();
        WebElement second = item(1).findElement(By.cssSelector("input[type=file]"));
        second.sendKeys(tooLarge.toString());
        long topicsBefore = console.api.expect(200, "GET", "/api/topics?limit=100", console.key, null).get("items").size();
        console.browser.findElement(By.id("save-topic")).click();

        WebElement beside = console.until(d -> console.messageBeside(second).isDisplayed() ? console.messageBeside(second) : null);
        assertThat(beside.getText()).contains("file-1").contains(Integer.toString(MAX_FILE_BYTES));
        assertThat(second.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(item(0).findElement(By.cssSelector("input[type=file]")).getAttribute("aria-invalid")).isNull();
        assertThat(console.browser.findElement(By.id("topic-error")).getText()).contains("contents[1].part");
        assertThat(console.api.expect(200, "GET", "/api/topics?limit=100", console.key, null).get("items").size()).as("nothing saved").isEqualTo(topicsBefore);

        console.setValue(console.browser.findElement(By.id("topic-language")), "not a language!");
        item(1).findElement(By.cssSelector(".remove-content")).click();
        console.browser.findElement(By.id("save-topic")).click();
        WebElement language = console.browser.findElement(By.id("topic-language"));
        WebElement besideLanguage = console.until(d -> console.messageBeside(language).isDisplayed() ? console.messageBeside(language) : null);
        assertThat(besideLanguage.getText()).contains("language");
        assertThat(language.getAttribute("aria-invalid")).isEqualTo("true");
    }

    private WebElement item(int index) {
        return console.browser.findElements(By.cssSelector("#topic-contents > .content-item")).get(index);
    }

    private JsonNode topic(String id) {
        return console.api.expect(200, "GET", "/api/topics/" + id, console.key, null);
    }

    private static List<String> types(JsonNode topic) {
        return StreamSupport.stream(topic.get("contents").spliterator(), false).map(c -> c.get("type").asText()).toList();
    }

    private Path file(String name, String content) throws Exception {
        Path file = dataDir.resolve("uploads-to-send").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
