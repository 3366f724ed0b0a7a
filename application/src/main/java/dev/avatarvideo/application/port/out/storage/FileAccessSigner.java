package dev.avatarvideo.application.port.out.storage;

import dev.avatarvideo.domain.FileAccess;

/**
 * Signs and checks permissions to read stored files, for providers whose files this service serves itself. One
 * instance (one secret) both issues and verifies, so a permission cannot be widened, extended or moved to another
 * file without the signature failing.
 */
public interface FileAccessSigner {

    String sign(FileAccess access);

    /** Whether the signature was issued by {@link #sign} for exactly this access; expiry is the caller's to check. */
    boolean verify(FileAccess access, String signature);
}
