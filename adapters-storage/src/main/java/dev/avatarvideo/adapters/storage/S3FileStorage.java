package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.BlockingInputStreamAsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link FileStorage} on any S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Supabase Storage, …).
 *
 * <p>Uploads stream through one part-sized buffer: content that fits in one part goes up in a single request,
 * anything larger as a multipart upload, the SHA-256 computed on the way. Any failure aborts the multipart upload, so
 * the bucket keeps neither a half object nor invisible parts that cost money. Reads of a byte range ask the server
 * for exactly that range. Addresses are presigned GETs that carry the download name and type, or plain addresses
 * under a public base when the bucket is public.
 */
public final class S3FileStorage implements FileStorage, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3FileStorage.class);
    private static final String PROVIDER = "s3";
    /** How long a failed upload's own clean-up may take before the leftovers are looked for. */
    private static final Duration ABANDON_PATIENCE = Duration.ofSeconds(30);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final S3Settings settings;
    private final S3Client s3;
    /** Uploads only: the SDK's multipart client, which cuts a stream of any length into parts. */
    private final S3AsyncClient uploads;
    private final S3Presigner presigner;
    private final Clock clock;
    /** Some S3-compatible servers refuse batch deletes (their checksum header); then objects go one at a time. */
    private volatile boolean batchDeleteRefused;
    /** A server that cannot list multipart uploads leaves those of a crashed process to the bucket's lifecycle rule. */
    private volatile boolean uploadListingRefused;

    private S3FileStorage(S3Settings settings, S3Client s3, S3AsyncClient uploads, S3Presigner presigner, Clock clock) {
        this.settings = settings;
        this.s3 = s3;
        this.uploads = uploads;
        this.presigner = presigner;
        this.clock = clock;
    }

    /**
     * Connects and checks at once that the credentials resolve and the bucket answers, so a wrong setting stops the
     * service at start with a clear reason instead of failing the first upload.
     */
    public static S3FileStorage connect(S3Settings settings, Clock clock) {
        AwsCredentialsProvider credentials = settings.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new StorageFailureException("no S3 credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                    + " (or use a profile or instance role the AWS default chain finds)");
        }
        var client = shared(S3Client.builder(), settings, credentials)
                .httpClient(ApacheHttpClient.builder().maxConnections(32).socketTimeout(Duration.ofSeconds(60)).build());
        var uploads = shared(S3AsyncClient.builder(), settings, credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(32).readTimeout(Duration.ofSeconds(60))
                        .writeTimeout(Duration.ofSeconds(60)))
                .multipartEnabled(true)
                // Two parts in flight while the next is read: the memory the upload may hold, and no more.
                .multipartConfiguration(m -> m.minimumPartSizeInBytes((long) settings.partSize()).thresholdInBytes((long) settings.partSize())
                        .apiCallBufferSizeInBytes(2L * settings.partSize()));
        var presignerBuilder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.forcePathStyle()).build());
        settings.endpoint().ifPresent(presignerBuilder::endpointOverride);
        S3FileStorage storage = new S3FileStorage(settings, client.build(), uploads.build(), presignerBuilder.build(), clock);
        try {
            storage.checkBucket();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    /** What the reading and the uploading client share: where, as whom, path style, and which checksums are sent. */
    private static <B extends S3BaseClientBuilder<B, ?>> B shared(B builder, S3Settings settings, AwsCredentialsProvider credentials) {
        boolean whenSupported = settings.checksums() == S3Settings.Checksums.WHEN_SUPPORTED;
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.forcePathStyle())
                .requestChecksumCalculation(whenSupported ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(whenSupported ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public String providerName() {
        return PROVIDER;
    }

    /**
     * Streams the content into the SDK's multipart client from this thread: the SDK cuts it into parts in its own
     * bounded buffers, sends them, and aborts the multipart upload when anything fails. A length that differs from the
     * announced one fails the read that shows it, before the last byte reaches the SDK, so no such upload completes.
     */
    @Override
    public StoredFile store(StorageKey key, FileUpload upload) {
        MessageDigest sha256 = sha256();
        AnnouncedLengthInputStream content = new AnnouncedLengthInputStream(new DigestInputStream(upload.content(), sha256), upload.length());
        BlockingInputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingInputStream(
                upload.length().isPresent() ? upload.length().getAsLong() : null);
        CompletableFuture<PutObjectResponse> put = uploads.putObject(b -> b.bucket(settings.bucket()).key(key.value())
                .contentType(upload.contentType()).contentDisposition(FileAccess.inlineDisposition(upload.fileName())), body);
        // A failed upload stops asking for content; without this the write below would wait for demand forever.
        put.whenComplete((response, failure) -> {
            if (failure != null) {
                body.cancel();
            }
        });
        try {
            body.writeInputStream(content);
            put.join();
        } catch (RuntimeException | Error e) {
            StorageFailureException failure = uploadFailure(key, e);
            abandon(key, put, failure);
            throw failure;
        }
        return new StoredFile(accessUrl(key, new UrlOptions(DEFAULT_URL_VALIDITY, upload.fileName(), upload.contentType())),
                upload.fileName(), content.seen(), upload.contentType(), key, clock.now(), StoredFile.sha256Checksum(sha256.digest()), PROVIDER);
    }

    /**
     * Leaves nothing of a failed upload: the SDK aborts its multipart upload on its own once it has seen the failure (so
     * it is given a moment to), and any upload of the key still listed after that is aborted here.
     */
    private void abandon(StorageKey key, CompletableFuture<PutObjectResponse> put, StorageFailureException failure) {
        try {
            put.get(ABANDON_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // Failed, as expected; what matters is that the SDK has had its say.
        }
        try {
            abortUploadsOf(key);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.error("could not abort the multipart upload of {} after a failure; a bucket lifecycle rule that aborts"
                    + " incomplete uploads, or the sweeper's delete of the key, removes its parts: {}", key, e.getMessage());
        }
    }

    private StorageFailureException uploadFailure(StorageKey key, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof UncheckedIOException || cause.getCause() instanceof IOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof IOException
                ? new StorageFailureException("reading the content for " + key + " failed: " + cause.getMessage() + "; nothing was stored", failure)
                : new StorageFailureException("storing " + key + " in bucket " + settings.bucket() + " failed: " + cause.getMessage(), failure);
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange range) {
        Optional<String> header = httpRange(range);
        if (range instanceof ByteRange.Last(long count) && count == 0) {
            return sizeOf(key).map(size -> {
                throw new RangeNotSatisfiableException(size);
            });
        }
        ResponseInputStream<GetObjectResponse> content;
        try {
            GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(key.value());
            header.ifPresent(request::range);
            content = s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 416) {
                return sizeOf(key).map(size -> {
                    throw new RangeNotSatisfiableException(size);
                });
            }
            throw new StorageFailureException("reading " + key + " from bucket " + settings.bucket() + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageFailureException("reading " + key + " from bucket " + settings.bucket() + " failed: " + e.getMessage(), e);
        }
        return Optional.of(toStoredObject(key, range, content));
    }

    private StoredObject toStoredObject(StorageKey key, ByteRange range, ResponseInputStream<GetObjectResponse> content) {
        GetObjectResponse response = content.response();
        String type = response.contentType() == null ? "application/octet-stream" : response.contentType();
        if (range instanceof ByteRange.Whole) {
            return new StoredObject(content, response.contentLength(), type);
        }
        Matcher served = response.contentRange() == null ? null : CONTENT_RANGE.matcher(response.contentRange());
        if (served != null && served.matches()) {
            return new StoredObject(content, Long.parseLong(served.group(3)), type,
                    Optional.of(new ByteRange.Span(Long.parseLong(served.group(1)), Long.parseLong(served.group(2)))));
        }
        // The server sent the whole object (some do for an empty one): cut the range from it here.
        long size = response.contentLength();
        Optional<ByteRange.Span> span = range.within(size);
        try {
            if (span.isEmpty()) {
                content.abort();
                throw new RangeNotSatisfiableException(size);
            }
            content.skipNBytes(span.get().first());
            return new StoredObject(new BoundedInputStream(content, span.get().length()), size, type, span);
        } catch (IOException e) {
            content.abort();
            throw new StorageFailureException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    private static Optional<String> httpRange(ByteRange range) {
        return switch (range) {
            case ByteRange.Whole whole -> Optional.empty();
            case ByteRange.Between(long first, long last) -> Optional.of("bytes=" + first + "-" + last);
            case ByteRange.From(long first) -> Optional.of("bytes=" + first + "-");
            case ByteRange.Last(long count) -> Optional.of("bytes=-" + count);
        };
    }

    private Optional<Long> sizeOf(StorageKey key) {
        return head(key).map(HeadObjectResponse::contentLength);
    }

    private Optional<HeadObjectResponse> head(StorageKey key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(settings.bucket()).key(key.value())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StorageFailureException("looking up " + key + " in bucket " + settings.bucket() + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageFailureException("looking up " + key + " in bucket " + settings.bucket() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(StorageKey key) {
        return head(key).isPresent();
    }

    /**
     * Removes the object and the parts of any multipart upload to the key that never completed: a process that died while
     * uploading leaves them invisible in the bucket, but stored and billed. The ledger names the key of every upload before
     * it begins, so the sweeper's delete finds them.
     */
    @Override
    public void delete(StorageKey key) {
        try {
            abortUploadsOf(key);
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key.value()));
        } catch (NoSuchKeyException e) {
            // Already gone, which is what was asked.
        } catch (SdkException e) {
            throw new StorageFailureException("deleting " + key + " from bucket " + settings.bucket() + " failed: " + e.getMessage(), e);
        }
    }

    private void abortUploadsOf(StorageKey key) {
        if (uploadListingRefused) {
            return;
        }
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(key.value())).uploads()) {
                if (upload.key().equals(key.value())) {
                    abortUpload(key, upload.uploadId());
                }
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 400 && e.statusCode() != 501) {
                throw e;
            }
            LOG.info("bucket {} cannot list multipart uploads ({}); a lifecycle rule that aborts incomplete uploads must remove the"
                    + " parts a crash leaves", settings.bucket(), e.getMessage());
            uploadListingRefused = true;
        }
    }

    private void abortUpload(StorageKey key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key.value()).uploadId(uploadId));
            LOG.info("aborted the unfinished multipart upload {} of {}", uploadId, key);
        } catch (NoSuchUploadException e) {
            // Aborted meanwhile by whoever else saw it unfinished: gone, which is what was asked.
        }
    }

    @Override
    public long deleteAll(TenantId tenant) {
        String prefix = StorageKey.prefixOf(tenant);
        try {
            long deleted = 0;
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix))) {
                List<String> keys = page.contents().stream().map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
                deleteKeys(keys);
                deleted += keys.size();
            }
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(prefix)).uploads()) {
                s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(upload.key()).uploadId(upload.uploadId()));
            }
            return deleted;
        } catch (SdkException e) {
            throw new StorageFailureException("deleting the objects of tenant " + tenant + " from bucket " + settings.bucket()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private void deleteKeys(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        if (!batchDeleteRefused) {
            try {
                DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(settings.bucket()).delete(d -> d.quiet(true)
                        .objects(keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList())));
                if (!response.errors().isEmpty()) {
                    throw new StorageFailureException("the bucket refused to delete " + response.errors().size() + " objects, the first "
                            + response.errors().getFirst().key() + ": " + response.errors().getFirst().message());
                }
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 400 && e.statusCode() != 501) {
                    throw e;
                }
                LOG.info("bucket {} refuses batch deletes ({}); deleting one object at a time", settings.bucket(), e.getMessage());
                batchDeleteRefused = true;
            }
        }
        keys.forEach(k -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(k)));
    }

    @Override
    public URI accessUrl(StorageKey key, UrlOptions options) {
        if (settings.publicUrlBase().isPresent()) {
            return URI.create(settings.publicUrlBase().get().toString().replaceAll("/+$", "") + "/" + key.value());
        }
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(options.validity()).getObjectRequest(g -> g
                .bucket(settings.bucket()).key(key.value())
                .responseContentDisposition(FileAccess.inlineDisposition(options.downloadName()))
                .responseContentType(options.contentType()))).url().toString());
    }

    @Override
    public void close() {
        presigner.close();
        uploads.close();
        s3.close();
    }

    private void checkBucket() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            String reason = switch (e.statusCode()) {
                case 404 -> "the bucket does not exist";
                case 403 -> "access is denied: check the credentials and the bucket's permissions";
                case 301 -> "the bucket lives in another region"
                        + e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").map(r -> " (" + r + ")").orElse("");
                default -> "the server answered " + e.statusCode() + " " + e.awsErrorDetails().errorMessage();
            };
            throw new StorageFailureException("cannot use bucket " + settings.bucket() + ": " + reason);
        } catch (SdkException e) {
            throw new StorageFailureException("cannot reach bucket " + settings.bucket()
                    + settings.endpoint().map(endpoint -> " at " + endpoint).orElse("") + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
