package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.domain.FileAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@link FileAccessSigner} for tests: a digest of every field, so any change to the access breaks the signature. */
public final class FakeFileAccessSigner implements FileAccessSigner {

    @Override
    public String sign(FileAccess access) {
        String canonical = String.join("\n", "fake", access.key().value(), Long.toString(access.expiresAt().getEpochSecond()),
                access.downloadName(), access.contentType());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(FileAccess access, String signature) {
        return sign(access).equals(signature);
    }
}
