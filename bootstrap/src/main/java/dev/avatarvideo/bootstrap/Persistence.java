package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import java.nio.file.Path;
import java.util.Optional;

/** PostgreSQL (the configured one, else an embedded one in DATA_DIR) and the master key that seals the secrets kept in it. */
record Persistence(PostgresDatabase database, AesGcmSealing sealing) {

    private static final int CONNECTIONS = 10;

    static Persistence connect(Configuration config, Optional<DataDirectoryLock> dataDir, AvatarVideoService.OnJvmExit onJvmExit,
                               Running running) {
        DatabaseSettings settings = config.database()
                .map(d -> new DatabaseSettings(d.jdbcUrl(), d.user(), d.password(), CONNECTIONS))
                .orElseGet(() -> running.started(embeddedDatabase(config.dataDir().resolve("postgres"), dataDir.orElseThrow(), onJvmExit))
                        .settings(CONNECTIONS));
        PostgresDatabase database = running.started(PostgresDatabase.connect(settings));
        // One master key seals every secret the database keeps; refuse to start beside instances that use another.
        AesGcmSealing sealing = sealing(config);
        try {
            database.requireSecretsSealedWith(sealing);
        } catch (AesGcmSealing.SealedWithAnotherKeyException e) {
            throw anotherMasterKey(e);
        }
        return new Persistence(database, sealing);
    }

    private static EmbeddedDatabase embeddedDatabase(Path dataDirectory, DataDirectoryLock dataDir, AvatarVideoService.OnJvmExit onJvmExit) {
        EmbeddedDatabase.stopLeftOver(dataDirectory, dataDir);
        return EmbeddedDatabase.start(dataDirectory, onJvmExit == AvatarVideoService.OnJvmExit.DATABASE_STOPS_ITSELF);
    }

    /**
     * The master key that seals every secret in the database: MASTER_KEY, else a key file made once in DATA_DIR. Every
     * instance on one database needs the same one.
     */
    static AesGcmSealing sealing(Configuration config) {
        if (config.masterKey().isPresent()) {
            return AesGcmSealing.withBase64Key(config.masterKey().get().value());
        }
        try {
            return AesGcmSealing.withKey(SecretFiles.randomKey(config.masterKeyFile(), AesGcmSealing.KEY_BYTES, "master key file"));
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage() + ": restore it from a backup, or set MASTER_KEY to the key the other"
                    + " instances use (a new key cannot open the secrets already stored)");
        }
    }

    static ConfigurationException anotherMasterKey(AesGcmSealing.SealedWithAnotherKeyException e) {
        return new ConfigurationException(e.getMessage() + ". Every instance on one database needs the same MASTER_KEY: set MASTER_KEY"
                + " to the key the others use (without it, each keeps its own in DATA_DIR/master.key)");
    }
}
