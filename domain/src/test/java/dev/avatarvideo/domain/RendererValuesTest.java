package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RendererValuesTest {

    @Test
    void credentialsNeverPrintTheKeyButTellKeysApart() {
        RendererCredentials key = new RendererCredentials("sk_live_secret_1");

        assertThat(key.toString()).doesNotContain("sk_live_secret_1").contains("****").contains(key.fingerprint());
        assertThat(key.fingerprint()).matches("[0-9a-f]{12}")
                .isEqualTo(new RendererCredentials("sk_live_secret_1").fingerprint())
                .isNotEqualTo(new RendererCredentials("sk_live_secret_2").fingerprint());
        assertThatThrownBy(() -> new RendererCredentials(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void webhookSecretsNeverPrint() {
        WebhookSecret secret = new WebhookSecret("whsec_abc");
        RegisteredWebhook registered = new RegisteredWebhook(new WebhookEndpoint("ep_1", URI.create("https://example.org/hooks"),
                Set.of(WebhookEvent.VIDEO_RENDERED), true, Instant.EPOCH), secret);

        assertThat(secret.toString()).doesNotContain("whsec_abc");
        assertThat(registered.toString()).doesNotContain("whsec_abc");
        assertThat(secret.value()).isEqualTo("whsec_abc");
    }

    @Test
    void otherIsAKindOfAvatarTheRendererMayNameButNobodyCanAskFor() {
        assertThat(AvatarType.ofLabel("other")).contains(AvatarType.OTHER);
        assertThat(AvatarType.fromLabel("avatarType", "photo_avatar")).isEqualTo(AvatarType.PHOTO_AVATAR);
        assertThatThrownBy(() -> new AvatarLookFilter(Optional.of(AvatarType.OTHER), Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anAnswerCarriesItsValueOnlyWhenAnswered() {
        assertThat(new RendererAnswer.Answered<>("x").answered()).contains("x");
        assertThat(new RendererAnswer.Unavailable<String>("down").answered()).isEmpty();
    }
}
