package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.FileAccessSignerContract;
import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signer's contract with a real secret, and what only a secret adds: another secret's signatures fail. */
class HmacFileAccessSignerTest extends FileAccessSignerContract {

    private final HmacFileAccessSigner signer = HmacFileAccessSigner.withSecret("x".repeat(40));

    @Override
    protected FileAccessSigner signer() {
        return signer;
    }

    @Test
    void anotherSecretsSignatureFails() {
        FileAccess access = new FileAccess(StorageKey.newFor(TenantId.of("acme"), "clip.mp4"), Instant.parse("2026-11-21T11:00:00Z"),
                "clip.mp4", "video/mp4");

        assertThat(HmacFileAccessSigner.withSecret("y".repeat(40)).verify(access, signer.sign(access))).isFalse();
    }

    @Test
    void shortSecretsAreRefusedClearly() {
        assertThatThrownBy(() -> HmacFileAccessSigner.withSecret("too-short")).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> HmacFileAccessSigner.withKey(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
