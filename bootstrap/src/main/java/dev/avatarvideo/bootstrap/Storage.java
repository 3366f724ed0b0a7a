package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.runtime.DependencyProbes;
import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.storage.HmacFileAccessSigner;
import dev.avatarvideo.adapters.storage.S3FileStorage;
import dev.avatarvideo.adapters.storage.S3Settings;
import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.service.FilesServedElsewhere;
import dev.avatarvideo.application.service.StoredFileReader;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where finished videos and topic files are kept: a directory in DATA_DIR, whose files the service serves itself under
 * signed addresses, or an S3-compatible bucket, whose objects are fetched from the bucket.
 */
record Storage(FileStorage files, ReadStoredFile storedFiles, DependencyProbe probe) {

    static Storage connect(Configuration config, URI publicBaseUrl, Running running) {
        return switch (config.storageProvider()) {
            case FILESYSTEM -> fileSystem(config, publicBaseUrl);
            case S3 -> {
                S3FileStorage bucket = running.started(connectS3(config.s3().orElseThrow()));
                yield new Storage(bucket, new FilesServedElsewhere(), DependencyProbes.bucket(bucket));
            }
        };
    }

    private static Storage fileSystem(Configuration config, URI publicBaseUrl) {
        Path root = config.dataDir().resolve("files");
        FileAccessSigner signer = fileUrlSigner(config);
        FileStorage files = new FileSystemFileStorage(root, publicBaseUrl, signer, CLOCK);
        return new Storage(files, new StoredFileReader(files, signer, CLOCK), DependencyProbes.fileSystem(root));
    }

    /**
     * What signs the filesystem provider's file addresses: FILE_URL_SIGNING_KEY, else a key file made once in DATA_DIR, so
     * addresses stay valid across restarts.
     */
    static FileAccessSigner fileUrlSigner(Configuration config) {
        if (config.fileUrlSigningKey().isPresent()) {
            return HmacFileAccessSigner.withSecret(config.fileUrlSigningKey().get().value());
        }
        try {
            return HmacFileAccessSigner.withKey(SecretFiles.randomKey(config.signingKeyFile(), HmacFileAccessSigner.MIN_SECRET_BYTES,
                    "URL signing key"));
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage() + "; delete it to make a new one (addresses issued so far stop working)");
        }
    }

    private static S3FileStorage connectS3(Configuration.S3Bucket bucket) {
        S3Settings settings = new S3Settings(bucket.bucket(), bucket.region(), bucket.endpoint(), bucket.forcePathStyle(), bucket.publicUrlBase(),
                bucket.checksumsOnlyWhenRequired() ? S3Settings.Checksums.WHEN_REQUIRED : S3Settings.Checksums.WHEN_SUPPORTED,
                bucket.credentials().map(key -> new S3Settings.Credentials(key.id(), key.secret().value())), S3Settings.DEFAULT_PART_SIZE);
        try {
            return S3FileStorage.connect(settings, CLOCK);
        } catch (FileStorage.StorageFailureException e) {
            throw new ConfigurationException("STORAGE_PROVIDER=s3: " + e.getMessage()
                    + " (check S3_BUCKET, S3_REGION, S3_ENDPOINT and the AWS credentials)");
        }
    }
}
