package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @Test
    void sceneNamesTheEmptyField() {
        assertThatThrownBy(() -> new Scene("a", "v", " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("script"));
        assertThatThrownBy(() -> new Scene("", "v", "hi"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("avatarId"));
        assertThatThrownBy(() -> new Scene("a", null, "hi"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("voiceId"));
    }

    @Test
    void sceneScriptLimitIsHeyGens() {
        assertThat(new Scene("a", "v", "x".repeat(5000)).script()).hasSize(5000);
        assertThatThrownBy(() -> new Scene("a", "v", "x".repeat(5001)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("5000"));
    }

    @Test
    void invalidInputCanBeReportedAtItsPathInsideTheRequest() {
        InvalidInputException inner = new InvalidInputException("script", "script must not be empty");

        assertThat(inner.within("scenes[2]").field()).isEqualTo("scenes[2].script");
        assertThat(inner.within("scenes[2]").getMessage()).isEqualTo("script must not be empty");
    }

    @Test
    void resolutionsAndAspectRatiosParseFromTheirLabels() {
        assertThat(Resolution.fromLabel("1080p")).isEqualTo(Resolution.P1080);
        assertThat(AspectRatio.fromLabel("9:16")).isEqualTo(AspectRatio.PORTRAIT_9_16);
        assertThatThrownBy(() -> Resolution.fromLabel("8k"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("resolution");
                    assertThat(e.getMessage()).contains("720p, 1080p, 4k").contains("8k");
                });
        assertThatThrownBy(() -> AspectRatio.fromLabel("2:1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("aspectRatio"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..\\..\\boot.ini", "/absolute/path.mp4", "name.with/slash", "%2e%2e%2f.mp4", "clip.MP4", "no-extension", "weird.ext!!"})
    void storageKeysIgnoreWhateverTheUserNamedTheFile(String hostileName) {
        StorageKey key = StorageKey.newFor(TenantId.of("acme"), hostileName);

        assertThat(key.value()).matches("acme/[0-9a-f]{32}(\\.[a-z0-9]{1,10})?");
        assertThat(key.value()).doesNotContain("..").doesNotContain("\\");
        assertThat(key.tenant()).isEqualTo(TenantId.of("acme"));
    }

    @Test
    void storageKeysKeepASaneExtension() {
        assertThat(StorageKey.newFor(TenantId.of("acme"), "Lesson 1.MP4").value()).endsWith(".mp4");
        assertThat(StorageKey.newFor(TenantId.of("acme"), "archive.tar.gz").value()).endsWith(".gz");
        assertThat(StorageKey.newFor(TenantId.of("acme"), "trailing.").value()).doesNotContain(".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme/../other/0123456789abcdef0123456789abcdef", "../acme/0123456789abcdef0123456789abcdef.mp4", "acme/0123456789abcdef0123456789abcdef/../../x", "ACME/0123456789abcdef0123456789abcdef", ""})
    void storageKeysFromOutsideMustHaveTheShapeWeGenerate(String text) {
        assertThatThrownBy(() -> new StorageKey(text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("storagePath"));
    }

    @Test
    void storedFileChecksumMustBeSha256() {
        StoredFile file = DomainFixtures.storedFile(TenantId.of("acme"));
        assertThatThrownBy(() -> new StoredFile(file.fileUrl(), file.fileName(), 1, "video/mp4", file.storagePath(),
                file.uploadedAt(), "md5:abc", "filesystem"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("checksum"));
        assertThat(StoredFile.sha256Checksum(new byte[32])).isEqualTo("sha256:" + "0".repeat(64));
    }

    @Test
    void tenantIdsArePathSafe() {
        assertThat(TenantId.of("acme-2").value()).isEqualTo("acme-2");
        assertThatThrownBy(() -> TenantId.of("../x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TenantId.of("Acme")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void videoIdsParseOnlyUuids() {
        VideoId id = VideoId.newId();
        assertThat(VideoId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> VideoId.parse("not-a-uuid"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }
}
