package dev.avatarvideo.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.in.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.TenantId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateAvatarVideoCommandTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final SceneFields GOOD = new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello");

    @Test
    void defaultsTo720pLandscape() {
        GenerateAvatarVideoCommand command = GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of(GOOD));

        assertThat(command.resolution()).isEqualTo(Resolution.P720);
        assertThat(command.aspectRatio()).isEqualTo(AspectRatio.LANDSCAPE_16_9);
    }

    @Test
    void namesTheOffendingFieldWithItsPath() {
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, null), "scenes");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, List.of()), "scenes");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null,
                List.of(GOOD, new SceneFields("a", "v", ""))), "scenes[1].script");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, Arrays.asList(GOOD, null)), "scenes[1]");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, "999p", null, List.of(GOOD)), "resolution");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, "3:2", List.of(GOOD)), "aspectRatio");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, "t".repeat(300), null, null, List.of(GOOD)), "title");
        assertField(() -> GenerateAvatarVideoCommand.fromFields(TENANT, null, null, null, Collections.nCopies(51, GOOD)), "scenes");
    }

    private static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
