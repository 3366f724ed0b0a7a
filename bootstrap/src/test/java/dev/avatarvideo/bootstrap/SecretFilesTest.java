package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.adapters.storage.HmacFileAccessSigner;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files a start without MASTER_KEY or FILE_URL_SIGNING_KEY makes in DATA_DIR, and keeps. */
class SecretFilesTest {

    private static final FileAccess ACCESS = new FileAccess(StorageKey.newFor(TenantId.of("acme"), "clip.mp4"),
            Instant.parse("2026-11-21T11:00:00Z"), "clip.mp4", "video/mp4");

    @TempDir
    Path dataDir;

    @Test
    void aMasterKeyFileIsMadeOnceReadableByItsOwnerOnlyAndReused() throws Exception {
        Path keyFile = dataDir.resolve("keys/master.key");

        AesGcmSealing first = AesGcmSealing.withKey(SecretFiles.randomKey(keyFile, AesGcmSealing.KEY_BYTES, "master key file"));
        AesGcmSealing second = AesGcmSealing.withKey(SecretFiles.randomKey(keyFile, AesGcmSealing.KEY_BYTES, "master key file"));

        assertThat(second.open(first.seal("kept", "ctx"), "ctx")).isEqualTo("kept");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void aSigningKeyFileIsMadeOnceReadableByItsOwnerAndKeptAcrossRestarts() throws Exception {
        Configuration config = Configuration.fromEnvironment(Map.of("DATA_DIR", dataDir.resolve("nested").toString()));

        String first = Storage.fileUrlSigner(config).sign(ACCESS);
        String afterRestart = Storage.fileUrlSigner(config).sign(ACCESS);

        assertThat(afterRestart).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.signingKeyFile()))).isEqualTo("rw-------");
        assertThat(HmacFileAccessSigner.withKey(SecretFiles.randomKey(dataDir.resolve("other.key"), 32, "URL signing key")).sign(ACCESS))
                .isNotEqualTo(first);
    }

    @Test
    void aDamagedMasterKeyFileIsRefusedNamingTheFileNeverReplaced() throws Exception {
        Path keyFile = dataDir.resolve("master.key");
        Files.writeString(keyFile, "not base64 at all!");

        assertThatThrownBy(() -> SecretFiles.randomKey(keyFile, AesGcmSealing.KEY_BYTES, "master key file"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(keyFile.toString()).hasMessageContaining("damaged");
        assertThat(Files.readString(keyFile)).isEqualTo("not base64 at all!");
    }

    @Test
    void aDamagedSigningKeyFileStopsTheStartSayingWhatToDo() throws Exception {
        Configuration config = Configuration.fromEnvironment(Map.of("DATA_DIR", dataDir.toString()));
        Files.writeString(config.signingKeyFile(), "not base64 !!!");

        assertThatThrownBy(() -> Storage.fileUrlSigner(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("damaged").hasMessageContaining("delete it");
    }
}
