package dev.avatarvideo.bootstrap;

import dev.avatarvideo.application.fakes.ForwardingFileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Wraps the real storage and ledger so that copying a lesson fails at one chosen part, in one chosen way: the ledger
 * entry before the part's upload cannot be recorded, storage refuses the part, the part's content breaks off halfway,
 * or claiming the part's ledger entry in the saving transaction loses the connection. Clean-up deletes can be made to
 * fail too, so only the sweeper can finish. PostgreSQL refusing the commit itself is the test's trigger, not a wrapper.
 */
final class InjectedBundleFaults {

    /** The parts of a lesson with sidecar captions, by the extension of their storage keys. */
    enum Part {
        VIDEO("mp4"), SRT("srt"), VTT("vtt"), POSTER("jpg"), PREVIEW("gif");

        private final String extension;

        Part(String extension) {
            this.extension = extension;
        }

        static Part of(StorageKey key) {
            String value = key.value().toLowerCase(Locale.ROOT);
            for (Part part : values()) {
                if (value.endsWith("." + part.extension)) {
                    return part;
                }
            }
            throw new IllegalArgumentException("not a part of a lesson: " + key);
        }
    }

    /** How the copy fails. */
    enum Fault {
        NONE(false),
        /** The database fails recording the part's ledger entry, before a byte is stored. */
        LEDGER_BEFORE_UPLOAD(true),
        /** Storage refuses the part outright. */
        UPLOAD_REFUSED(true),
        /** The part's content breaks off halfway through its upload (its first read for a part of unknown length). */
        UPLOAD_BROKEN_OFF(true),
        /** The connection is lost claiming the part's ledger entry inside the transaction that marks the video READY. */
        CLAIM_LOST(true),
        /** PostgreSQL refuses the COMMIT of the READY video (the test's deferred trigger). */
        COMMIT_REFUSED(false);

        private final boolean perPart;

        Fault(boolean perPart) {
            this.perPart = perPart;
        }

        boolean perPart() {
            return perPart;
        }
    }

    private Fault fault = Fault.NONE;
    private Part part;
    private boolean deletesFail;
    private boolean fired;

    void arm(Fault newFault, Part newPart, boolean newDeletesFail) {
        fault = newFault;
        part = newPart;
        deletesFail = newDeletesFail;
        fired = false;
    }

    void disarm() {
        arm(Fault.NONE, null, false);
    }

    boolean fired() {
        return fired;
    }

    private boolean at(Fault kind, StorageKey key) {
        if (fault != kind || fired || Part.of(key) != part) {
            return false;
        }
        fired = true;
        return true;
    }

    UnclaimedObjects ledger(UnclaimedObjects real) {
        return new UnclaimedObjects() {
            @Override
            public void add(UnclaimedObject entry) {
                if (at(Fault.LEDGER_BEFORE_UPLOAD, entry.key())) {
                    throw new IllegalStateException("injected: the database failed recording the ledger entry of " + entry.key());
                }
                real.add(entry);
            }

            @Override
            public boolean remove(StorageKey key) {
                if (at(Fault.CLAIM_LOST, key)) {
                    throw new IllegalStateException("injected: connection lost claiming " + key);
                }
                return real.remove(key);
            }

            @Override
            public boolean lock(StorageKey key) {
                return real.lock(key);
            }

            @Override
            public List<UnclaimedObject> lockOverdue(Instant now, int limit) {
                return real.lockOverdue(now, limit);
            }
        };
    }

    FileStorage storage(FileStorage real) {
        return new ForwardingFileStorage(real) {
            @Override
            public StoredFile store(StorageKey key, FileUpload upload) {
                if (at(Fault.UPLOAD_REFUSED, key)) {
                    throw new StorageFailureException("injected: storage refused " + key);
                }
                boolean breakOff = at(Fault.UPLOAD_BROKEN_OFF, key);
                return real.store(key, new FileUpload(breakOff ? brokenOff(upload) : upload.content(), upload.length(), upload.fileName(),
                        upload.contentType()));
            }

            @Override
            public void delete(StorageKey key) {
                if (deletesFail) {
                    throw new StorageFailureException("injected: storage unreachable while cleaning up " + key);
                }
                real.delete(key);
            }
        };
    }

    /** The content until half its announced length has been read (or, length unknown, until the first read), then a broken connection. */
    private static InputStream brokenOff(FileStorage.FileUpload upload) {
        long breakAt = upload.length().isPresent() ? upload.length().getAsLong() / 2 : 1;
        return new FilterInputStream(upload.content()) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (read >= breakAt) {
                    throw new IOException("injected: the connection broke off after " + read + " bytes");
                }
                int n = super.read(buffer, offset, (int) Math.min(count, Math.max(1, breakAt - read)));
                read += Math.max(0, n);
                return n;
            }
        };
    }
}
