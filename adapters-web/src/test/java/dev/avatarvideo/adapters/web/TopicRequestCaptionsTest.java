package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.adapters.web.TopicJson.TopicRequest;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.GenerateInput;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A topic's {@code generate} takes {@code captions} as {@code POST /api/videos} does: the command the route hands on
 * carries each video's choice (the command's own video fields have none, so the route reads it).
 */
class TopicRequestCaptionsTest {

    private static final String SCENE = "\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"Hi\"}]";

    @Test
    void eachGeneratedVideoCarriesTheCaptionsItsRequestChose() throws Exception {
        TopicRequest request = new JsonBodies().mapper().readValue("{\"title\": \"Captions\", \"language\": \"en\", \"contents\": ["
                + "{\"type\": \"avatarVideo\", \"generate\": {\"captions\": \"sidecar\", " + SCENE + "}},"
                + "{\"type\": \"text\", \"text\": \"between\"},"
                + "{\"type\": \"avatarVideo\", \"generate\": {\"captions\": true, \"title\": \"Two\", \"resolution\": \"1080p\", " + SCENE + "}},"
                + "{\"type\": \"avatarVideo\", \"generate\": {\"captions\": \"both\", " + SCENE + "}},"
                + "{\"type\": \"avatarVideo\", \"generate\": {" + SCENE + "}}]}", TopicRequest.class);

        SaveTopicCommand command = request.command(TenantId.of("web"), Map.of());

        assertThat(command.contents()).filteredOn(GenerateInput.class::isInstance).map(GenerateInput.class::cast)
                .extracting(generate -> generate.video().captions())
                .containsExactly(CaptionChoice.SIDECAR, CaptionChoice.BURNED, CaptionChoice.BOTH, CaptionChoice.NONE);
        GenerateInput second = (GenerateInput) command.contents().get(2);
        assertThat(second.index()).isEqualTo(2);
        assertThat(second.video().title()).as("everything else of the request is kept").isEqualTo("Two");
        assertThat(second.video().resolution().label()).isEqualTo("1080p");
        assertThat(command.title()).isEqualTo("Captions");
        assertThat(command.contents()).hasSize(5);
    }
}
