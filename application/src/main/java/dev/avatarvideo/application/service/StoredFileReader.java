package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.in.video.ReadStoredFileQuery;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.FileAccess;

/**
 * Serves stored bytes for providers whose files we hand out through our own address, to holders of an address we
 * signed that has not expired. The signature is checked before anything else, so a forged address learns nothing,
 * not even whether a file exists.
 */
public final class StoredFileReader implements ReadStoredFile {

    private final FileStorage storage;
    private final FileAccessSigner signer;
    private final Clock clock;

    public StoredFileReader(FileStorage storage, FileAccessSigner signer, Clock clock) {
        this.storage = storage;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public Outcome read(ReadStoredFileQuery query) {
        FileAccess access = query.access();
        if (!signer.verify(access, query.signature())) {
            return new BadSignature();
        }
        if (access.expiredAt(clock.now())) {
            return new Expired();
        }
        try {
            return storage.open(access.key(), query.range())
                    .<Outcome>map(object -> new Found(object, access.downloadName(), access.contentType()))
                    .orElseGet(NotFound::new);
        } catch (FileStorage.RangeNotSatisfiableException e) {
            return new RangeNotSatisfiable(e.size());
        }
    }
}
