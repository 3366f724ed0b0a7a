package dev.avatarvideo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests, each kind started at most once per JVM:
 * <ol>
 *   <li>{@code TEST_S3_ENDPOINT} with {@code TEST_S3_ACCESS_KEY}, {@code TEST_S3_SECRET_KEY} and optionally
 *       {@code TEST_S3_REGION} (default {@code us-east-1}): any server you run; buckets are created on it,</li>
 *   <li>MinIO through Testcontainers when a Docker engine answers,</li>
 *   <li>S3Proxy in this JVM on a file-system blob store in a temporary directory (so large objects go to disk, not
 *       the heap), which needs nothing installed.</li>
 * </ol>
 * {@link #server()} picks the first available; {@link #s3Proxy()} and {@link #minio()} name one, so a contract suite
 * can run the same tests on each.
 */
public final class TestS3 {

    private static final Logger LOG = LoggerFactory.getLogger(TestS3.class);
    private static final String MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";
    private static final String REGION = "us-east-1";

    /** A running server and how to sign in to it. */
    public record Server(String origin, URI endpoint, String region, String accessKey, String secretKey) {

        /** A new, empty bucket, so test classes never see each other's objects. */
        public String freshBucket() {
            String bucket = "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            try (S3Client client = client()) {
                client.createBucket(b -> b.bucket(bucket));
            }
            return bucket;
        }

        /** A plain client for looking behind an adapter's back (listing uploads, reading raw objects). */
        public S3Client client() {
            return S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClient(ApacheHttpClient.builder().build())
                    .build();
        }

        @Override
        public String toString() {
            return "Server[" + origin + " at " + endpoint + ", accessKey=" + accessKey + ", secretKey=****]";
        }
    }

    private static Server configured;
    private static boolean configuredLookedUp;
    private static Server s3Proxy;
    private static Server minio;
    private static Boolean dockerAnswers;

    private TestS3() {
    }

    /** The first available of: {@code TEST_S3_ENDPOINT}, MinIO in Docker, S3Proxy in-process. */
    public static synchronized Server server() {
        return configured().or(TestS3::minio).orElseGet(TestS3::s3Proxy);
    }

    /** The server named by {@code TEST_S3_ENDPOINT}, if any. */
    public static synchronized Optional<Server> configured() {
        if (!configuredLookedUp) {
            configuredLookedUp = true;
            Map<String, String> env = System.getenv();
            String endpoint = env.get("TEST_S3_ENDPOINT");
            if (endpoint != null && !endpoint.isBlank()) {
                configured = new Server("TEST_S3_ENDPOINT", URI.create(endpoint.strip()), env.getOrDefault("TEST_S3_REGION", REGION),
                        env.getOrDefault("TEST_S3_ACCESS_KEY", ""), env.getOrDefault("TEST_S3_SECRET_KEY", ""));
                LOG.info("test S3: {}", configured);
            }
        }
        return Optional.ofNullable(configured);
    }

    /** MinIO in a container, when a Docker engine answers. */
    public static synchronized Optional<Server> minio() {
        if (minio == null && dockerAnswers()) {
            MinIOContainer container = new MinIOContainer(MINIO_IMAGE);
            container.start();
            minio = new Server("Testcontainers " + MINIO_IMAGE, URI.create(container.getS3URL()), REGION, container.getUserName(),
                    container.getPassword());
            LOG.info("test S3: {}", minio);
        }
        return Optional.ofNullable(minio);
    }

    /** S3Proxy in this JVM, storing objects in a temporary directory that is removed when the JVM exits. */
    public static synchronized Server s3Proxy() {
        if (s3Proxy == null) {
            s3Proxy = startS3Proxy();
            LOG.info("test S3: {}", s3Proxy);
        }
        return s3Proxy;
    }

    private static Server startS3Proxy() {
        String accessKey = "test-access-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = UUID.randomUUID().toString();
        try {
            Path directory = Files.createTempDirectory("s3proxy-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory), "s3proxy-cleanup"));
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    // The AWS SDK sends headers S3Proxy does not know (checksum modes, SDK hints); they carry no meaning here.
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
            return new Server("S3Proxy in-process, objects in " + directory, URI.create("http://127.0.0.1:" + proxy.getPort()), REGION,
                    accessKey, secretKey);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for S3Proxy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy: " + e.getMessage(), e);
        }
    }

    /** Docker may be absent; that must cost a fraction of a second, never a failed build. */
    private static boolean dockerAnswers() {
        if (dockerAnswers == null) {
            try {
                dockerAnswers = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("no Docker engine: {}", e.toString());
                dockerAnswers = false;
            }
        }
        return dockerAnswers;
    }

    private static void deleteTree(Path directory) {
        try (var tree = Files.walk(directory)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory; the OS cleans it eventually.
        }
    }
}
