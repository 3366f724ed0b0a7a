package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.application.service.ApiKeyService;
import dev.avatarvideo.application.service.RequestDeduplicator;
import dev.avatarvideo.application.service.TenantService;
import dev.avatarvideo.domain.ApiKeyToken;
import dev.avatarvideo.domain.TenantId;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who may call the API and as whom: tenants and their API keys; and a request repeated with its Idempotency-Key answered once. */
record TenantAccess(ApiKeyService apiKeys, TenantService tenants, RequestDeduplicator deduplicator) {

    private static final Logger LOG = LoggerFactory.getLogger(TenantAccess.class);
    /** The tenant a first start creates, so the walk-through works at once (and rows from before tenants stay reachable). */
    static final TenantId DEFAULT_TENANT = TenantId.of("default");

    static TenantAccess wire(Configuration config, Persistence persistence) {
        ApiKeyService apiKeys = new ApiKeyService(persistence.database().apiKeys(), CLOCK);
        TenantService tenants = new TenantService(persistence.database().tenants(), apiKeys, persistence.database().transactions(),
                CLOCK);
        // Idempotency-Key: a claim lasts as long as a worker's, and like it is renewed while its request runs.
        RequestDeduplicator deduplicator = new RequestDeduplicator(persistence.database().idempotencyRecords(persistence.sealing()),
                CLOCK, config.tracking().leaseLength(), RequestDeduplicator.DEFAULT_RETENTION, RequestDeduplicator.DEFAULT_PATIENCE);
        return new TenantAccess(apiKeys, tenants, deduplicator);
    }

    /**
     * A first start (no tenant at all) creates the tenant {@code default} with a key and writes the key, readable by its
     * owner only, to {@code keyFile}, so the walk-through can begin at once. Written before anything else learns of it;
     * a later start finds a tenant and creates nothing.
     */
    Optional<AvatarVideoService.FirstTenant> createFirstTenant(Path keyFile) {
        return tenants.createFirst(DEFAULT_TENANT, "created on first start").map(created -> {
            ApiKeyToken key = created.firstKey().token();
            SecretFiles.writeOwnerOnly(keyFile, key.value());
            LOG.info("first start: created tenant '{}' with API key {} (written to {})", DEFAULT_TENANT, key.id(), keyFile);
            return new AvatarVideoService.FirstTenant(DEFAULT_TENANT, key, keyFile);
        });
    }
}
