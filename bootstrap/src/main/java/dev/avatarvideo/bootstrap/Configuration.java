package dev.avatarvideo.bootstrap;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.Topic;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the service reads from its environment, with the defaults that make it run with nothing configured:
 * embedded PostgreSQL and local file storage under {@code DATA_DIR}, and the HeyGen simulator in-process.
 * Secrets are held here but never printed: {@link #summary()} masks them.
 */
public record Configuration(
        int port,
        Path dataDir,
        Optional<URI> publicBaseUrl,
        Optional<DatabaseConnection> database,
        Optional<HeyGenAccount> heygen,
        StorageProvider storageProvider,
        Duration simulatorRenderTime,
        Optional<S3Bucket> s3,
        Optional<Secret> fileUrlSigningKey,
        TopicUploads topicUploads,
        Sweeper sweeper,
        Ingest ingest,
        Tracking tracking,
        Notifications notifications,
        Optional<Secret> masterKey,
        Optional<Secret> adminApiKey,
        Duration shutdownGrace,
        String bindAddress) {

    /**
     * How renders are submitted and tracked.
     *
     * @param firstCheck when a render is first asked about (polling); later checks back off from there
     * @param maxInterval the longest wait between two checks of one render
     * @param webhookOverdue when a render's webhook counts as late (hybrid polls it from then; webhook mode reports it)
     * @param renderDeadline when a render that has not finished fails
     * @param rendersPerKey how many renders may be in flight per HeyGen key; more wait in the queue
     * @param leaseLength how long an instance's claim on a video lasts unrenewed (how soon another instance takes over
     *                    the work of one that died)
     * @param webhookSecret a signing secret the operator registered with HeyGen; unset, the service registers its own
     */
    public record Tracking(ProcessingMode mode, Duration firstCheck, Duration maxInterval, Duration webhookOverdue, Duration renderDeadline,
                           int rendersPerKey, Duration leaseLength, Optional<Secret> webhookSecret) {
    }

    /** Where HeyGen sends its webhooks: {@code PUBLIC_BASE_URL/webhooks/heygen}; only in webhook and hybrid modes. */
    public Optional<URI> webhookUrl() {
        return webhookUrlFor(port);
    }

    /**
     * Where HeyGen sends its webhooks once the server listens on {@code boundPort}: {@code PUBLIC_BASE_URL/webhooks/heygen},
     * or this machine when the simulator in this very process is the one to call it.
     */
    public Optional<URI> webhookUrlFor(int boundPort) {
        if (!tracking.mode().receivesWebhooks()) {
            return Optional.empty();
        }
        String base = publicBaseUrlFor(boundPort).toString();
        return Optional.of(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/webhooks/heygen"));
    }

    /** Where the key of the tenant made on a first start is written, once, for the operator to pick up. */
    public Path defaultApiKeyFile() {
        return dataDir.resolve("default-api-key");
    }

    /** Where the master key that seals every secret in the database is kept when MASTER_KEY is not set. */
    public Path masterKeyFile() {
        return dataDir.resolve("master.key");
    }

    /**
     * What a topic may hold and how uploads arrive.
     *
     * @param maxFileBytes the largest file one topic content may be
     * @param maxRequestBytes the most one multipart request may carry in all
     * @param directory where file parts wait on disk while a request is read
     */
    public record TopicUploads(int maxContents, long maxFileBytes, long maxRequestBytes, Path directory) {
    }

    /**
     * The sweeper that deletes objects no record owns.
     *
     * @param gracePeriod how long an upload may take until its record is saved; after that it counts as abandoned
     */
    public record Sweeper(Duration interval, Duration gracePeriod) {
    }

    /**
     * Copying rendered videos into storage.
     *
     * @param parallelCopies how many copies one instance runs at once (each claims its own video)
     * @param firstDelay the back-off after a failed copy, doubling up to {@code maxDelay}
     */
    public record Ingest(int parallelCopies, Duration firstDelay, Duration maxDelay) {

        /**
         * Four: one instance then keeps up with ten 3-second renders of 4 MiB files at 10 MiB/s (it needs about 1.5 copies
         * under way), and four copies to S3 hold at most 4 × 2 parts of 8 MiB = 64 MiB, half of the 128 MiB one copy of
         * any size is held to.
         */
        public static final int DEFAULT_PARALLEL_COPIES = 4;
    }

    /**
     * Live status and outbound notifications to the platform.
     *
     * @param sseKeepAlive how long a status stream may stay silent before a keep-alive comment
     * @param webhookTimeout the most one delivery attempt may take
     * @param webhookRetryFirstDelay the wait after a delivery's first failed attempt; it doubles after each further one…
     * @param webhookRetryMaxDelay …up to this
     * @param webhookGiveUpAfter how long after the status change a delivery is tried at all
     * @param webhookPollInterval how often the outbox is checked for deliveries due
     * @param receivers which addresses notifications may go to: public ones, and the internal hosts the operator allows
     */
    public record Notifications(Duration sseKeepAlive, Duration webhookTimeout, Duration webhookRetryFirstDelay, Duration webhookRetryMaxDelay,
                                Duration webhookGiveUpAfter, Duration webhookPollInterval, ReceiverAddressPolicy receivers) {
    }

    public enum StorageProvider {
        FILESYSTEM, S3
    }

    /** Bucket names as S3 and its look-alikes accept them; the server has the last word on stricter rules. */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");
    private static final int MIN_SIGNING_KEY_LENGTH = 32;

    /**
     * An S3-compatible bucket ({@code STORAGE_PROVIDER=s3}).
     *
     * @param checksumsOnlyWhenRequired send the SDK's CRC32 checksum headers only where S3 requires them, for servers
     *                                  that reject them elsewhere
     * @param credentials {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}; empty leaves it to the AWS
     *                    default chain (profile, SSO, instance or task role, session tokens)
     */
    public record S3Bucket(String bucket, String region, Optional<URI> endpoint, boolean forcePathStyle, Optional<URI> publicUrlBase,
                           boolean checksumsOnlyWhenRequired, Optional<AccessKey> credentials) {
    }

    public record AccessKey(String id, Secret secret) {
    }

    /** A value that must never be printed. */
    public record Secret(String value) {

        @Override
        public String toString() {
            return "****";
        }
    }

    /** An external PostgreSQL database. */
    public record DatabaseConnection(String jdbcUrl, String user, String password) {

        /** The URL fit to print: a password given as a parameter is masked. */
        public String maskedUrl() {
            return maskPasswordParameter(jdbcUrl);
        }

        @Override
        public String toString() {
            return "DatabaseConnection[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=****]";
        }
    }

    /** The real HeyGen. */
    public record HeyGenAccount(URI baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "HeyGenAccount[baseUrl=" + baseUrl + ", apiKey=****]";
        }
    }

    public static Configuration fromEnvironment(Map<String, String> env) {
        int port = integer(env, "PORT", 8080, 0, 65_535);
        Path dataDir = Path.of(text(env, "DATA_DIR").orElse("./data")).toAbsolutePath().normalize();
        Optional<URI> publicBaseUrl = text(env, "PUBLIC_BASE_URL").map(value -> httpUrl("PUBLIC_BASE_URL", value));
        Optional<DatabaseConnection> database = text(env, "DATABASE_URL")
                .map(url -> databaseConnection(url, text(env, "DATABASE_USER"), text(env, "DATABASE_PASSWORD")));
        Optional<String> heygenKey = text(env, "HEYGEN_API_KEY");
        Optional<URI> heygenBaseUrl = text(env, "HEYGEN_BASE_URL").map(value -> httpUrl("HEYGEN_BASE_URL", value));
        if (heygenKey.isEmpty() && heygenBaseUrl.isPresent()) {
            throw new ConfigurationException("HEYGEN_BASE_URL is set but HEYGEN_API_KEY is not: set both to use a HeyGen"
                    + " (or look-alike) at that address, or neither to run the built-in simulator");
        }
        Optional<HeyGenAccount> heygen = heygenKey.map(key -> new HeyGenAccount(heygenBaseUrl.orElse(URI.create("https://api.heygen.com")), key));
        StorageProvider storage = storageProvider(text(env, "STORAGE_PROVIDER").orElse("filesystem"));
        Duration simulatorRenderTime = Duration.ofMillis(integer(env, "SIMULATOR_RENDER_MS", 5_000, 0, 3_600_000));
        Optional<S3Bucket> s3 = s3Bucket(env, storage);
        Optional<Secret> signingKey = text(env, "FILE_URL_SIGNING_KEY").map(key -> {
            if (key.length() < MIN_SIGNING_KEY_LENGTH) {
                throw new ConfigurationException("FILE_URL_SIGNING_KEY must be at least " + MIN_SIGNING_KEY_LENGTH
                        + " characters of random text (got " + key.length() + "), e.g. from: openssl rand -base64 48");
            }
            return new Secret(key);
        });
        return new Configuration(port, dataDir, publicBaseUrl, database, heygen, storage, simulatorRenderTime, s3, signingKey,
                topicUploads(env, dataDir), sweeper(env), ingest(env), tracking(env, publicBaseUrl, heygen.isEmpty()), notifications(env),
                masterKey(env), adminApiKey(env), Duration.ofMillis(integer(env, "SHUTDOWN_TIMEOUT_MS", 30_000, 0, 3_600_000)),
                bindAddress(env, heygen.isEmpty()));
    }

    /**
     * With the built-in simulator nothing real is rendered: a developer's machine, where the API (and the key printed at
     * a first start) should not be open to the whole network. Configured for the real HeyGen, the service is deployed,
     * often in a container whose port is published from outside, so it listens everywhere.
     */
    private static String bindAddress(Map<String, String> env, boolean usesSimulator) {
        String address = text(env, "BIND_ADDRESS").orElse(usesSimulator ? "127.0.0.1" : "0.0.0.0");
        try {
            java.net.InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new ConfigurationException("BIND_ADDRESS must be an address of this machine, such as 0.0.0.0 (every interface) or"
                    + " 127.0.0.1 (this machine only) (got '" + address + "')");
        }
        return address;
    }

    private static final int MIN_ADMIN_KEY_LENGTH = 32;

    private static Optional<Secret> adminApiKey(Map<String, String> env) {
        return text(env, "ADMIN_API_KEY").map(key -> {
            if (key.length() < MIN_ADMIN_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new ConfigurationException("ADMIN_API_KEY must be at least " + MIN_ADMIN_KEY_LENGTH + " characters of random text"
                        + " without spaces (got " + key.length() + " characters), e.g. from: openssl rand -base64 32");
            }
            return new Secret(key);
        });
    }

    private static Notifications notifications(Map<String, String> env) {
        Duration first = Duration.ofMillis(integer(env, "WEBHOOK_RETRY_FIRST_DELAY_MS", 5_000, 10, 86_400_000));
        Duration max = Duration.ofMillis(integer(env, "WEBHOOK_RETRY_MAX_DELAY_MS", 3_600_000, 10, 86_400_000));
        if (max.compareTo(first) < 0) {
            throw new ConfigurationException("WEBHOOK_RETRY_MAX_DELAY_MS must not be smaller than WEBHOOK_RETRY_FIRST_DELAY_MS");
        }
        return new Notifications(
                Duration.ofMillis(integer(env, "SSE_KEEP_ALIVE_MS", 15_000, 100, 300_000)),
                Duration.ofMillis(integer(env, "WEBHOOK_TIMEOUT_MS", 10_000, 100, 60_000)),
                first,
                max,
                Duration.ofMillis(longInteger(env, "WEBHOOK_GIVE_UP_AFTER_MS", 86_400_000L, 1_000, 30L * 86_400_000L)),
                Duration.ofMillis(integer(env, "WEBHOOK_POLL_INTERVAL_MS", 500, 10, 60_000)),
                receivers(env));
    }

    private static ReceiverAddressPolicy receivers(Map<String, String> env) {
        try {
            return text(env, "NOTIFICATION_ALLOWED_HOSTS").map(ReceiverAddressPolicy::allowing).orElse(ReceiverAddressPolicy.publicOnly());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("NOTIFICATION_ALLOWED_HOSTS: " + e.getMessage()
                    + "; give host names or IP addresses separated by commas (hooks.internal,10.0.4.7)");
        }
    }

    /** Where the filesystem provider keeps its URL signing secret when FILE_URL_SIGNING_KEY is not set. */
    public Path signingKeyFile() {
        return dataDir.resolve("file-url-signing.key");
    }

    private static Optional<S3Bucket> s3Bucket(Map<String, String> env, StorageProvider provider) {
        Optional<String> bucket = text(env, "S3_BUCKET");
        if (provider != StorageProvider.S3) {
            bucket.ifPresent(b -> {
                throw new ConfigurationException("S3_BUCKET is set but STORAGE_PROVIDER is not s3: set STORAGE_PROVIDER=s3 to store"
                        + " videos in the bucket, or unset S3_BUCKET to keep them on the local disk");
            });
            return Optional.empty();
        }
        String name = bucket.orElseThrow(() -> new ConfigurationException("STORAGE_PROVIDER=s3 needs S3_BUCKET, the name of the bucket to store videos in"));
        if (!BUCKET.matcher(name).matches()) {
            throw new ConfigurationException("S3_BUCKET must be a bucket name: letters, digits, '.', '-' or '_', 2 to 255 characters (got '" + name + "')");
        }
        Optional<URI> endpoint = text(env, "S3_ENDPOINT").map(value -> httpUrl("S3_ENDPOINT", value));
        String region = text(env, "S3_REGION").or(() -> text(env, "AWS_REGION")).or(() -> text(env, "AWS_DEFAULT_REGION"))
                .or(() -> endpoint.map(e -> "us-east-1"))
                .orElseThrow(() -> new ConfigurationException("S3_REGION is required for AWS S3 (the bucket's region, e.g. eu-central-1);"
                        + " for another S3-compatible server set S3_ENDPOINT too"));
        if (!region.matches("[a-z0-9-]{1,40}")) {
            throw new ConfigurationException("S3_REGION must be a region name such as eu-central-1 or auto (got '" + region + "')");
        }
        boolean pathStyle = bool(env, "S3_FORCE_PATH_STYLE", endpoint.isPresent());
        Optional<URI> publicUrlBase = text(env, "S3_PUBLIC_URL_BASE").map(value -> httpUrl("S3_PUBLIC_URL_BASE", value));
        boolean onlyWhenRequired = switch (text(env, "S3_CHECKSUMS").orElse(endpoint.isPresent() ? "when_required" : "when_supported").toLowerCase(Locale.ROOT)) {
            case "when_required" -> true;
            case "when_supported" -> false;
            default -> throw new ConfigurationException("S3_CHECKSUMS must be 'when_supported' or 'when_required' (got '" + env.get("S3_CHECKSUMS") + "')");
        };
        Optional<String> keyId = text(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = text(env, "AWS_SECRET_ACCESS_KEY");
        if (keyId.isPresent() != secret.isPresent()) {
            throw new ConfigurationException("set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither to use the AWS default chain"
                    + " (profile, instance or task role)");
        }
        // Session credentials carry a third part; the SDK's default chain reads all three itself.
        Optional<AccessKey> credentials = text(env, "AWS_SESSION_TOKEN").isPresent() ? Optional.empty()
                : keyId.map(id -> new AccessKey(id, new Secret(secret.orElseThrow())));
        return Optional.of(new S3Bucket(name, region, endpoint, pathStyle, publicUrlBase, onlyWhenRequired, credentials));
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        return text(env, name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(name + " must be true or false (got '" + value + "')");
        }).orElse(fallback);
    }

    private static TopicUploads topicUploads(Map<String, String> env, Path dataDir) {
        int maxContents = integer(env, "TOPIC_MAX_CONTENTS", 200, 1, Topic.MAX_CONTENTS);
        long maxFileBytes = longInteger(env, "TOPIC_MAX_FILE_BYTES", 512L * 1024 * 1024, 1, Long.MAX_VALUE);
        long maxRequestBytes = longInteger(env, "UPLOAD_MAX_REQUEST_BYTES", 2L * 1024 * 1024 * 1024, 1, Long.MAX_VALUE);
        if (maxFileBytes > maxRequestBytes) {
            throw new ConfigurationException("TOPIC_MAX_FILE_BYTES (" + maxFileBytes + ") must not exceed UPLOAD_MAX_REQUEST_BYTES ("
                    + maxRequestBytes + "): no request could carry such a file");
        }
        Path directory = text(env, "UPLOAD_TEMP_DIR").map(Path::of).orElse(dataDir.resolve("uploads")).toAbsolutePath().normalize();
        return new TopicUploads(maxContents, maxFileBytes, maxRequestBytes, directory);
    }

    private static Sweeper sweeper(Map<String, String> env) {
        return new Sweeper(
                Duration.ofMillis(integer(env, "SWEEPER_INTERVAL_MS", 60_000, 100, 86_400_000)),
                Duration.ofMillis(integer(env, "SWEEPER_GRACE_PERIOD_MS", 3_600_000, 1_000, 604_800_000)));
    }

    private static Ingest ingest(Map<String, String> env) {
        int parallelCopies = integer(env, "INGEST_PARALLEL_COPIES", Ingest.DEFAULT_PARALLEL_COPIES, 1, 64);
        Duration first = Duration.ofMillis(integer(env, "INGEST_RETRY_FIRST_DELAY_MS", 30_000, 100, 86_400_000));
        Duration max = Duration.ofMillis(integer(env, "INGEST_RETRY_MAX_DELAY_MS", 1_800_000, 100, 86_400_000));
        if (max.compareTo(first) <= 0) {
            throw new ConfigurationException("INGEST_RETRY_MAX_DELAY_MS must be larger than INGEST_RETRY_FIRST_DELAY_MS");
        }
        return new Ingest(parallelCopies, first, max);
    }

    /**
     * With the built-in simulator the default is hybrid: the simulator in this process calls the webhook on this machine,
     * so a first video is ready seconds after its render rather than at the first poll, 30 s later. The real HeyGen needs
     * a public address for that, so there polling stays the default.
     */
    private static Tracking tracking(Map<String, String> env, Optional<URI> publicBaseUrl, boolean usesSimulator) {
        ProcessingMode mode;
        String modeText = text(env, "HEYGEN_PROCESSING_MODE").orElse(usesSimulator ? "hybrid" : "polling");
        try {
            mode = ProcessingMode.fromLabel(modeText);
        } catch (InvalidInputException e) {
            throw new ConfigurationException("HEYGEN_PROCESSING_MODE must be webhook, polling or hybrid (got '" + modeText + "')");
        }
        if (mode.receivesWebhooks() && publicBaseUrl.isEmpty() && !usesSimulator) {
            throw new ConfigurationException("HEYGEN_PROCESSING_MODE=" + mode.label() + " needs PUBLIC_BASE_URL: the address HeyGen can reach"
                    + " this service at (e.g. https://videos.example.com); its webhooks then go to PUBLIC_BASE_URL/webhooks/heygen. Set it,"
                    + " or use HEYGEN_PROCESSING_MODE=polling, which works without a public address");
        }
        Optional<Secret> webhookSecret = text(env, "HEYGEN_WEBHOOK_SECRET").map(Secret::new);
        if (webhookSecret.isPresent() && !mode.receivesWebhooks()) {
            throw new ConfigurationException("HEYGEN_WEBHOOK_SECRET is set but HEYGEN_PROCESSING_MODE is polling: set"
                    + " HEYGEN_PROCESSING_MODE=webhook or hybrid to receive webhooks, or unset HEYGEN_WEBHOOK_SECRET");
        }
        Duration firstCheck = Duration.ofMillis(integer(env, "HEYGEN_POLL_INTERVAL_MS", 30_000, 50, 3_600_000));
        Duration maxInterval = Duration.ofMillis(integer(env, "HEYGEN_POLL_MAX_INTERVAL_MS", 300_000, 50, 86_400_000));
        if (maxInterval.compareTo(firstCheck) < 0) {
            throw new ConfigurationException("HEYGEN_POLL_MAX_INTERVAL_MS (" + maxInterval.toMillis() + ") must not be shorter than"
                    + " HEYGEN_POLL_INTERVAL_MS (" + firstCheck.toMillis() + ")");
        }
        Duration overdue = Duration.ofMillis(integer(env, "HEYGEN_WEBHOOK_OVERDUE_MS", 600_000, 100, 86_400_000));
        Duration deadline = Duration.ofMillis(integer(env, "HEYGEN_RENDER_DEADLINE_MS", 7_200_000, 180_000, 604_800_000));
        int rendersPerKey = integer(env, "HEYGEN_MAX_RENDERS_PER_KEY", 10, 1, 10_000);
        Duration lease = Duration.ofMillis(integer(env, "WORK_LEASE_MS", 60_000, 1_000, 3_600_000));
        return new Tracking(mode, firstCheck, maxInterval, overdue, deadline, rendersPerKey, lease, webhookSecret);
    }

    private static Optional<Secret> masterKey(Map<String, String> env) {
        return text(env, "MASTER_KEY").map(key -> {
            byte[] decoded;
            try {
                decoded = java.util.Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("MASTER_KEY must be 32 random bytes in base64 (e.g. from: openssl rand -base64 32);"
                        + " the value given is not base64");
            }
            if (decoded.length != 32) {
                throw new ConfigurationException("MASTER_KEY must be 32 random bytes in base64 (e.g. from: openssl rand -base64 32);"
                        + " the value given decodes to " + decoded.length + " bytes");
            }
            return new Secret(key);
        });
    }

    /** The address others use to reach this service: {@code PUBLIC_BASE_URL}, else this machine on the bound port. */
    public URI publicBaseUrlFor(int boundPort) {
        return publicBaseUrl.orElse(URI.create("http://localhost:" + boundPort));
    }

    public boolean usesSimulator() {
        return heygen.isEmpty();
    }

    /** What runs where, fit to print at start; secrets masked. */
    public String summary() {
        return String.join("\n",
                "  database: " + database.map(d -> maskPasswordParameter(d.jdbcUrl()) + " as " + d.user()).orElse("embedded PostgreSQL, data in " + dataDir.resolve("postgres")),
                "  storage:  " + s3.map(b -> "s3, bucket " + b.bucket() + " in " + b.region() + b.endpoint().map(e -> " at " + e).orElse(" on AWS")
                        + b.publicUrlBase().map(u -> ", public addresses under " + u).orElse(", private with presigned addresses"))
                        .orElse("filesystem, files in " + dataDir.resolve("files")
                                + (fileUrlSigningKey.isPresent() ? ", addresses signed with FILE_URL_SIGNING_KEY" : ", addresses signed with the key in " + signingKeyFile())),
                "  HeyGen:   " + heygen.map(h -> h.baseUrl() + " (API key ****)").orElse("SIMULATOR in-process, state in "
                        + dataDir.resolve(HeyGen.SIMULATOR_STATE) + " (set HEYGEN_API_KEY for the real HeyGen)"),
                "  tracking: " + tracking.mode().label() + switch (tracking.mode()) {
                    case POLLING -> ", first check after " + tracking.firstCheck().toMillis() + " ms, then backing off to every "
                            + tracking.maxInterval().toMillis() + " ms";
                    case HYBRID -> ", webhooks at " + webhookUrl().orElseThrow() + ", polling renders whose webhook is "
                            + tracking.webhookOverdue().toMillis() + " ms late";
                    case WEBHOOK -> ", webhooks at " + webhookUrl().orElseThrow() + ", no polling";
                } + "; at most " + tracking.rendersPerKey() + " renders in flight per HeyGen key",
                "  topics:   at most " + topicUploads.maxContents() + " contents, files up to " + topicUploads.maxFileBytes()
                        + " bytes, uploads wait in " + topicUploads.directory(),
                "  ingest:   up to " + ingest.parallelCopies() + " copies at once in this instance, retried after "
                        + ingest.firstDelay().toMillis() + " ms doubling to " + ingest.maxDelay().toMillis() + " ms",
                "  sweeper:  every " + sweeper.interval().toMillis() + " ms, uploads abandoned after " + sweeper.gracePeriod().toMillis() + " ms",
                "  secrets:  sealed with " + (masterKey.isPresent() ? "MASTER_KEY" : "the master key in " + masterKeyFile()),
                "  admin:    " + (adminApiKey.isPresent() ? "/admin open with ADMIN_API_KEY (****)" : "/admin off (set ADMIN_API_KEY to manage tenants)"),
                "  settings (secrets masked):",
                String.join("\n", settings().entrySet().stream().map(e -> "    " + e.getKey() + "=" + e.getValue()).toList()));
    }

    private static final String MASKED = "**** (set)";
    private static final String UNSET = "(unset)";

    /**
     * Every setting by the variable that sets it, as in force (defaults filled in), in the order of docs/configuration.md; secrets show
     * only whether they are set.
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("PORT", Integer.toString(port));
        settings.put("BIND_ADDRESS", bindAddress);
        settings.put("PUBLIC_BASE_URL", publicBaseUrl.map(URI::toString).orElse(UNSET + ", addresses use http://localhost:<port>"));
        settings.put("DATA_DIR", dataDir.toString());
        settings.put("DATABASE_URL", database.map(d -> maskPasswordParameter(d.jdbcUrl())).orElse(UNSET + ", embedded PostgreSQL"));
        settings.put("DATABASE_USER", database.map(DatabaseConnection::user).filter(u -> u != null).orElse(UNSET));
        settings.put("DATABASE_PASSWORD", database.map(DatabaseConnection::password).filter(p -> p != null).map(p -> MASKED).orElse(UNSET));
        settings.put("HEYGEN_API_KEY", heygen.map(h -> MASKED).orElse(UNSET + ", the built-in simulator"));
        settings.put("HEYGEN_BASE_URL", heygen.map(h -> h.baseUrl().toString()).orElse(UNSET));
        settings.put("SIMULATOR_RENDER_MS", Long.toString(simulatorRenderTime.toMillis()));
        settings.put("STORAGE_PROVIDER", storageProvider.name().toLowerCase(Locale.ROOT));
        settings.put("FILE_URL_SIGNING_KEY", fileUrlSigningKey.map(k -> MASKED).orElse(UNSET + ", key file " + signingKeyFile()));
        settings.put("S3_BUCKET", s3.map(S3Bucket::bucket).orElse(UNSET));
        settings.put("S3_REGION", s3.map(S3Bucket::region).orElse(UNSET));
        settings.put("S3_ENDPOINT", s3.flatMap(S3Bucket::endpoint).map(URI::toString).orElse(UNSET));
        settings.put("S3_FORCE_PATH_STYLE", s3.map(b -> Boolean.toString(b.forcePathStyle())).orElse(UNSET));
        settings.put("S3_PUBLIC_URL_BASE", s3.flatMap(S3Bucket::publicUrlBase).map(URI::toString).orElse(UNSET));
        settings.put("S3_CHECKSUMS", s3.map(b -> b.checksumsOnlyWhenRequired() ? "when_required" : "when_supported").orElse(UNSET));
        settings.put("AWS_ACCESS_KEY_ID", s3.flatMap(S3Bucket::credentials).map(c -> MASKED)
                .orElse(s3.isPresent() ? UNSET + ", the AWS default chain" : UNSET));
        settings.put("AWS_SECRET_ACCESS_KEY", s3.flatMap(S3Bucket::credentials).map(c -> MASKED).orElse(UNSET));
        settings.put("AWS_SESSION_TOKEN", s3.isPresent() && s3.get().credentials().isEmpty() ? "left to the AWS default chain" : UNSET);
        settings.put("HEYGEN_PROCESSING_MODE", tracking.mode().label());
        settings.put("HEYGEN_POLL_INTERVAL_MS", Long.toString(tracking.firstCheck().toMillis()));
        settings.put("HEYGEN_POLL_MAX_INTERVAL_MS", Long.toString(tracking.maxInterval().toMillis()));
        settings.put("HEYGEN_WEBHOOK_OVERDUE_MS", Long.toString(tracking.webhookOverdue().toMillis()));
        settings.put("HEYGEN_RENDER_DEADLINE_MS", Long.toString(tracking.renderDeadline().toMillis()));
        settings.put("HEYGEN_MAX_RENDERS_PER_KEY", Integer.toString(tracking.rendersPerKey()));
        settings.put("HEYGEN_WEBHOOK_SECRET", tracking.webhookSecret().map(k -> MASKED).orElse(UNSET));
        settings.put("MASTER_KEY", masterKey.map(k -> MASKED).orElse(UNSET + ", key file " + masterKeyFile()));
        settings.put("WORK_LEASE_MS", Long.toString(tracking.leaseLength().toMillis()));
        settings.put("TOPIC_MAX_CONTENTS", Integer.toString(topicUploads.maxContents()));
        settings.put("TOPIC_MAX_FILE_BYTES", Long.toString(topicUploads.maxFileBytes()));
        settings.put("UPLOAD_MAX_REQUEST_BYTES", Long.toString(topicUploads.maxRequestBytes()));
        settings.put("UPLOAD_TEMP_DIR", topicUploads.directory().toString());
        settings.put("SWEEPER_INTERVAL_MS", Long.toString(sweeper.interval().toMillis()));
        settings.put("SWEEPER_GRACE_PERIOD_MS", Long.toString(sweeper.gracePeriod().toMillis()));
        settings.put("INGEST_PARALLEL_COPIES", Integer.toString(ingest.parallelCopies()));
        settings.put("INGEST_RETRY_FIRST_DELAY_MS", Long.toString(ingest.firstDelay().toMillis()));
        settings.put("INGEST_RETRY_MAX_DELAY_MS", Long.toString(ingest.maxDelay().toMillis()));
        settings.put("SSE_KEEP_ALIVE_MS", Long.toString(notifications.sseKeepAlive().toMillis()));
        settings.put("WEBHOOK_TIMEOUT_MS", Long.toString(notifications.webhookTimeout().toMillis()));
        settings.put("WEBHOOK_RETRY_FIRST_DELAY_MS", Long.toString(notifications.webhookRetryFirstDelay().toMillis()));
        settings.put("WEBHOOK_RETRY_MAX_DELAY_MS", Long.toString(notifications.webhookRetryMaxDelay().toMillis()));
        settings.put("WEBHOOK_GIVE_UP_AFTER_MS", Long.toString(notifications.webhookGiveUpAfter().toMillis()));
        settings.put("WEBHOOK_POLL_INTERVAL_MS", Long.toString(notifications.webhookPollInterval().toMillis()));
        settings.put("NOTIFICATION_ALLOWED_HOSTS", notifications.receivers().allowedHosts().isEmpty()
                ? UNSET + ", notifications go to public addresses only" : String.join(",", notifications.receivers().allowedHosts()));
        settings.put("ADMIN_API_KEY", adminApiKey.map(k -> MASKED).orElse(UNSET + ", /admin closed"));
        settings.put("SHUTDOWN_TIMEOUT_MS", Long.toString(shutdownGrace.toMillis()));
        return settings;
    }

    /** A JDBC URL may carry the password as a parameter; only whether it does is shown. */
    private static String maskPasswordParameter(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1****");
    }

    private static DatabaseConnection databaseConnection(String url, Optional<String> user, Optional<String> password) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseConnection(url, user.orElse(null), password.orElse(null));
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            // The form hosting providers hand out: postgres://user:password@host:port/database
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new ConfigurationException("DATABASE_URL is not a valid URL: " + e.getReason());
            }
            String userInfo = uri.getRawUserInfo();
            String urlUser = null;
            String urlPassword = null;
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                urlPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new DatabaseConnection(jdbcUrl, user.orElse(urlUser), password.orElse(urlPassword));
        }
        throw new ConfigurationException("DATABASE_URL must start with jdbc:postgresql:// or postgres:// (got a value starting with '"
                + url.substring(0, Math.min(12, url.length())) + "')");
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static StorageProvider storageProvider(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "filesystem" -> StorageProvider.FILESYSTEM;
            case "s3" -> StorageProvider.S3;
            default -> throw new ConfigurationException("STORAGE_PROVIDER must be 'filesystem' or 's3' (got '" + value + "')");
        };
    }

    private static URI httpUrl(String name, String value) {
        try {
            URI uri = new URI(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigurationException(name + " must be an http:// or https:// URL (got '" + value + "')");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(name + " is not a valid URL (got '" + value + "'): " + e.getReason());
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get().strip());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number from " + min + " to " + max + " (got '" + value.get() + "')");
        }
    }

    private static long longInteger(Map<String, String> env, String name, long fallback, long min, long max) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.get().strip());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number from " + min + " to " + max + " (got '" + value.get() + "')");
        }
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
