package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HmacFileAccessSignerTest {

    private static final StorageKey KEY = StorageKey.newFor(TenantId.of("acme"), "clip.mp4");
    private static final FileAccess ACCESS = new FileAccess(KEY, Instant.parse("2026-11-21T11:00:00Z"), "clip.mp4", "video/mp4");

    @Test
    void aSignatureCoversEveryPartOfTheAccess() {
        HmacFileAccessSigner signer = HmacFileAccessSigner.withSecret("x".repeat(40));
        String signature = signer.sign(ACCESS);

        assertThat(signer.verify(ACCESS, signature)).isTrue();
        assertThat(signer.verify(new FileAccess(StorageKey.newFor(TenantId.of("acme"), "clip.mp4"), ACCESS.expiresAt(), "clip.mp4", "video/mp4"), signature)).isFalse();
        assertThat(signer.verify(new FileAccess(KEY, ACCESS.expiresAt().plusSeconds(1), "clip.mp4", "video/mp4"), signature)).isFalse();
        assertThat(signer.verify(new FileAccess(KEY, ACCESS.expiresAt(), "clip.html", "video/mp4"), signature)).isFalse();
        assertThat(signer.verify(new FileAccess(KEY, ACCESS.expiresAt(), "clip.mp4", "text/html"), signature)).isFalse();
        assertThat(signer.verify(ACCESS, signature.substring(0, signature.length() - 1))).isFalse();
        assertThat(HmacFileAccessSigner.withSecret("y".repeat(40)).verify(ACCESS, signature)).isFalse();
    }

    @Test
    void everyCharacterOfTheSignatureCounts() {
        HmacFileAccessSigner signer = HmacFileAccessSigner.withSecret("x".repeat(40));
        String signature = signer.sign(ACCESS);

        for (int i = 0; i < signature.length(); i++) {
            char changed = signature.charAt(i) == 'A' ? 'B' : 'A';
            assertThat(signer.verify(ACCESS, signature.substring(0, i) + changed + signature.substring(i + 1))).as("position %d", i).isFalse();
        }
    }

    @Test
    void shortSecretsAreRefusedClearly() {
        assertThatThrownBy(() -> HmacFileAccessSigner.withSecret("too-short")).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> HmacFileAccessSigner.withKey(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
