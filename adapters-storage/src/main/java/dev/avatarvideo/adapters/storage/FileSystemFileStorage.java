package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FileStorage} on a local directory, for a single machine. Objects are written to a temporary file, flushed to
 * disk, then renamed into place, so a reader never sees half a file. The temporary is named after the key, so the
 * half-written file a crash leaves is the key's as much as the object is: deleting the key removes it too, and the
 * sweeper does that for every upload whose record never committed.
 * Keys are sharded into two directory levels so no directory grows to millions of entries. Ranged reads seek in
 * the file instead of reading past the bytes before the range. Files are handed out through this service's own
 * {@code /files/} route under HMAC-signed, expiring addresses.
 */
public final class FileSystemFileStorage implements FileStorage {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemFileStorage.class);
    private static final String PROVIDER = "filesystem";
    private static final String INCOMING = ".incoming";
    private static final String METADATA_SUFFIX = ".meta";
    private static final int BUFFER_SIZE = 256 * 1024;

    private final Path root;
    private final URI publicBaseUrl;
    private final FileAccessSigner signer;
    private final Clock clock;

    /**
     * @param root the directory that holds every object
     * @param publicBaseUrl how clients reach this service, which serves the files under {@code /files/}
     * @param signer signs the addresses handed out; the web adapter checks them with the same one
     */
    public FileSystemFileStorage(Path root, URI publicBaseUrl, FileAccessSigner signer, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.publicBaseUrl = publicBaseUrl;
        this.signer = signer;
        this.clock = clock;
        try {
            Files.createDirectories(this.root.resolve(INCOMING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the storage directory " + this.root, e);
        }
    }

    @Override
    public String providerName() {
        return PROVIDER;
    }

    @Override
    public StoredFile store(StorageKey key, FileUpload upload) {
        Path target = pathOf(key);
        Path temporary = incomingOf(key);
        try (InputStream in = upload.content()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long written;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
                written = copy(in, out);
                out.flush();
                channel.force(true);
            }
            if (upload.length().isPresent() && upload.length().getAsLong() != written) {
                throw new StorageFailureException("content ended after " + written + " of " + upload.length().getAsLong()
                        + " announced bytes; nothing was stored under " + key);
            }
            Files.createDirectories(target.getParent());
            writeMetadata(target, upload);
            moveIntoPlace(temporary, target);
            return new StoredFile(accessUrl(key, new UrlOptions(DEFAULT_URL_VALIDITY, upload.fileName(), upload.contentType())), upload.fileName(), written, upload.contentType(), key, clock.now(),
                    StoredFile.sha256Checksum(sha256.digest()), PROVIDER);
        } catch (IOException e) {
            throw new StorageFailureException("storing " + key + " failed: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        } finally {
            deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange range) {
        Path path = pathOf(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageFailureException("opening " + key + " failed: " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            String contentType = readMetadata(path).getProperty("contentType", "application/octet-stream");
            if (range instanceof ByteRange.Whole) {
                return Optional.of(new StoredObject(Channels.newInputStream(channel), size, contentType));
            }
            ByteRange.Span span = range.within(size).orElseThrow(() -> new RangeNotSatisfiableException(size));
            channel.position(span.first());
            return Optional.of(new StoredObject(new BoundedInputStream(Channels.newInputStream(channel), span.length()), size,
                    contentType, Optional.of(span)));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof RangeNotSatisfiableException outside) {
                throw outside;
            }
            throw new StorageFailureException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(StorageKey key) {
        return Files.isRegularFile(pathOf(key));
    }

    /** Removes the object and whatever an upload to the key left half-written. */
    @Override
    public void delete(StorageKey key) {
        Path path = pathOf(key);
        try {
            Files.deleteIfExists(incomingOf(key));
            Files.deleteIfExists(path);
            Files.deleteIfExists(metadataOf(path));
            Files.deleteIfExists(metadataTemporaryOf(path));
        } catch (IOException e) {
            throw new StorageFailureException("deleting " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long deleteAll(TenantId tenant) {
        Path directory = root.resolve(tenant.value());
        try (Stream<Path> incoming = Files.list(root.resolve(INCOMING))) {
            for (Path part : incoming.filter(p -> p.getFileName().toString().startsWith(tenant.value() + ".")).toList()) {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new StorageFailureException("deleting the uploads in progress of tenant " + tenant + " failed: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            long objects = 0;
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(path) && !path.getFileName().toString().endsWith(METADATA_SUFFIX)) {
                    objects++;
                }
                Files.deleteIfExists(path);
            }
            return objects;
        } catch (IOException e) {
            throw new StorageFailureException("deleting the files of tenant " + tenant + " failed: " + e.getMessage(), e);
        }
    }

    /** An address on this service, signed so that it names exactly this file, name and type, until it expires. */
    @Override
    public URI accessUrl(StorageKey key, UrlOptions options) {
        FileAccess access = new FileAccess(key, clock.now().plus(options.validity()).truncatedTo(ChronoUnit.SECONDS),
                options.downloadName(), options.contentType());
        return URI.create(publicBaseUrl.toString().replaceAll("/+$", "") + "/files/" + key.value()
                + "?expires=" + access.expiresAt().getEpochSecond()
                + "&filename=" + queryValue(access.downloadName())
                + "&type=" + queryValue(access.contentType())
                + "&signature=" + signer.sign(access));
    }

    /** {@code acme/0123abcd….mp4} lives at {@code <root>/acme/01/23/0123abcd….mp4}. */
    Path pathOf(StorageKey key) {
        String tenant = key.tenant().value();
        String name = key.value().substring(tenant.length() + 1);
        return root.resolve(tenant).resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name);
    }

    /**
     * {@code acme/0123abcd….mp4} is written to {@code <root>/.incoming/acme.0123abcd….mp4.part} first. A tenant id has no
     * dot, so the name says whose it is.
     */
    private Path incomingOf(StorageKey key) {
        return root.resolve(INCOMING).resolve(key.value().replace('/', '.') + ".part");
    }

    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a file after a failed read: {}", e.getMessage());
        }
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        for (int read; (read = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Content type and name have nowhere to live on a plain file system, so they sit beside the object. */
    private static void writeMetadata(Path target, FileUpload upload) throws IOException {
        Properties metadata = new Properties();
        metadata.setProperty("contentType", upload.contentType());
        metadata.setProperty("fileName", upload.fileName());
        Path temporary = metadataTemporaryOf(target);
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            metadata.store(writer, null);
        }
        moveIntoPlace(temporary, metadataOf(target));
    }

    private static Properties readMetadata(Path target) throws IOException {
        Properties metadata = new Properties();
        try (Reader reader = Files.newBufferedReader(metadataOf(target), StandardCharsets.UTF_8)) {
            metadata.load(reader);
        } catch (NoSuchFileException e) {
            // Written before the object itself, so only missing if someone removed it by hand; serve bytes anyway.
        }
        return metadata;
    }

    private static Path metadataOf(Path target) {
        return target.resolveSibling(target.getFileName() + METADATA_SUFFIX);
    }

    private static Path metadataTemporaryOf(Path target) {
        return target.resolveSibling(target.getFileName() + METADATA_SUFFIX + ".part");
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove temporary file {}: {}", path, e.getMessage());
        }
    }
}
