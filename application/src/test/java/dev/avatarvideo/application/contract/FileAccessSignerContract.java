package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileAccessSigner} must do: the HMAC signer the service runs with and the fake the service tests
 * use, so a test that passes on the fake's signatures would pass on real ones.
 */
public abstract class FileAccessSignerContract {

    private static final StorageKey KEY = StorageKey.newFor(TenantId.of("acme"), "clip.mp4");
    private static final FileAccess ACCESS = new FileAccess(KEY, Instant.parse("2026-11-21T11:00:00Z"), "clip.mp4", "video/mp4");

    protected abstract FileAccessSigner signer();

    @Test
    void aSignatureCoversEveryPartOfTheAccess() {
        String signature = signer().sign(ACCESS);

        assertThat(signer().verify(ACCESS, signature)).isTrue();
        assertThat(signer().sign(ACCESS)).as("signing again").isEqualTo(signature);
        assertThat(signer().verify(new FileAccess(StorageKey.newFor(TenantId.of("acme"), "clip.mp4"), ACCESS.expiresAt(), "clip.mp4", "video/mp4"),
                signature)).as("another file").isFalse();
        assertThat(signer().verify(new FileAccess(KEY, ACCESS.expiresAt().plusSeconds(1), "clip.mp4", "video/mp4"), signature))
                .as("extended").isFalse();
        assertThat(signer().verify(new FileAccess(KEY, ACCESS.expiresAt(), "clip.html", "video/mp4"), signature)).as("renamed").isFalse();
        assertThat(signer().verify(new FileAccess(KEY, ACCESS.expiresAt(), "clip.mp4", "text/html"), signature)).as("retyped").isFalse();
        assertThat(signer().verify(ACCESS, signature.substring(0, signature.length() - 1))).as("shortened").isFalse();
        assertThat(signer().verify(ACCESS, "")).as("empty").isFalse();
    }

    @Test
    void everyCharacterOfTheSignatureCounts() {
        String signature = signer().sign(ACCESS);

        for (int i = 0; i < signature.length(); i++) {
            char changed = signature.charAt(i) == 'A' ? 'B' : 'A';
            assertThat(signer().verify(ACCESS, signature.substring(0, i) + changed + signature.substring(i + 1))).as("position %d", i).isFalse();
        }
    }
}
