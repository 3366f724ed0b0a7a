package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.VideoStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateAvatarVideoServiceTest {

    private final ServiceTestKit kit = new ServiceTestKit();

    @Test
    void queuesTheVideoWithoutTouchingTheRenderer() {
        AvatarVideo video = kit.request("Lesson 1");

        assertThat(video.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(video.createdAt()).isEqualTo(kit.clock.now());
        assertThat(kit.reload(video.id())).isEqualTo(video);
        assertThat(kit.renderer.submissions()).isEmpty();
        assertThat(kit.callbackSecrets.find(ServiceTestKit.TENANT)).isEmpty();
    }

    @Test
    void keepsTheCallbackBesideTheVideoAndMakesSureItCanBeSigned() {
        AvatarVideo video = kit.generate.generate(command("https://platform.example/videos/42/done"));

        assertThat(kit.callbacks.of(video.id())).contains(NotificationUrl.parse("callbackUrl", "https://platform.example/videos/42/done"));
        assertThat(kit.callbackSecrets.find(ServiceTestKit.TENANT)).isPresent();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.QUEUED);
    }

    @Test
    void aVideoWhoseCallbackCannotBeKeptIsNotQueuedEither() {
        kit.videos.events();
        var failing = new GenerateAvatarVideoService(kit.videos, (tenant, video, url) -> {
            throw new IllegalStateException("database gone");
        }, kit.callbackSecrets, kit.transactions, kit.screening, kit.rendererIds, kit.clock);

        assertThatThrownBy(() -> failing.generate(command("https://platform.example/done"))).hasMessage("database gone");

        assertThat(kit.videos.all()).isEmpty();
        assertThat(kit.videos.events().all()).isEmpty();
    }

    @Test
    void refusesACallbackThatIsNotAnAbsoluteHttpAddressNamingTheField() {
        for (String bad : new String[] {"ftp://platform.example/x", "/relative/path", "https://", "https://user:pw@platform.example/x",
                "https://platform.example/x#frag", "not a url"}) {
            assertThatThrownBy(() -> command(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("callbackUrl"));
        }
    }

    @Test
    void refusesACallbackThatLeadsIntoTheServicesOwnNetworkNamingTheFieldAndQueuesNothing() {
        kit.dns.point("metadata.attacker.example", "169.254.169.254").point("inside.attacker.example", "10.0.0.5", "fd00::5");
        for (String internal : new String[] {"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/", "http://[::1]/",
                "http://localhost:8080/hooks", "https://metadata.attacker.example/", "https://inside.attacker.example/x"}) {
            assertThatThrownBy(() -> kit.generate.generate(command(internal))).as(internal)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("callbackUrl");
                        assertThat(e.getMessage()).contains("only sent to public addresses");
                    });
        }
        assertThatThrownBy(() -> kit.generate.generate(command("http://169.254.169.254/"))).hasMessageContaining("169.254.169.254 is a link-local address");
        assertThatThrownBy(() -> kit.generate.generate(command("https://metadata.attacker.example/")))
                .as("where a name points inside is not told").message().doesNotContain("169.254", "is a link-local");

        assertThat(kit.videos.all()).isEmpty();
    }

    @Test
    void aCallbackHostWithOnePublicAddressOrNoneYetIsAccepted() {
        kit.dns.point("mixed.platform.example", "10.0.0.5", "203.0.113.7");

        kit.generate.generate(command("https://mixed.platform.example/done"));
        kit.generate.generate(command("https://not-yet-in-dns.platform.example/done"));

        assertThat(kit.videos.all()).hasSize(2);
    }

    private static GenerateAvatarVideoCommand command(String callbackUrl) {
        return GenerateAvatarVideoCommand.fromFields(ServiceTestKit.TENANT, "Called back", null, null, null, callbackUrl,
                List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello")));
    }
}
