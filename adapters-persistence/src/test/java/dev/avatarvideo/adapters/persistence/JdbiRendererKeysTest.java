package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.RendererKeysContract;
import dev.avatarvideo.application.port.out.rendering.RendererKeys.TenantRendererKey;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The renderer keys' contract on a real PostgreSQL, a fresh database per test; a render in flight is a video row
 * tracked on the key's account, as the submitter leaves it. Also what only the database shows: keys sealed at rest.
 */
class JdbiRendererKeysTest extends RendererKeysContract {

    private static final AesGcmSealing KEY = DatabaseForTests.randomSealing();
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    private PostgresDatabase database;

    @Override
    protected Store newStore() {
        database = databases.open().database();
        return new Store(database.tenants(), database.rendererKeys(KEY));
    }

    @Override
    protected void renderInFlightOn(RendererAccount account) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("someone"), "in flight", List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.SQUARE, T0);
        database.videos().add(video);
        database.renderChecks(database.leases(Duration.ofMinutes(1))).startTracking(video.id(), account, T0, T0.plusSeconds(30));
    }

    @Test
    void keysAreStoredSealedNeverAsTheyAre() {
        DatabaseForTests fixture = databases.open();
        TenantId acme = TenantId.of("acme");
        fixture.database().tenants().add(new Tenant(acme, "ACME", T0));
        RendererCredentials credentials = new RendererCredentials("hg-live-secret-key-123");
        fixture.database().rendererKeys(KEY).save(new TenantRendererKey(acme, credentials, "ACME on HeyGen", T0));

        byte[] stored = Jdbi.create(fixture.connection().dataSource()).withHandle(h -> h.createQuery(
                "SELECT sealed_secret FROM tenant_renderer_keys").mapTo(byte[].class).one());

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("hg-live-secret-key-123");
        assertThat(fixture.database().rendererKeys(KEY).current(acme).orElseThrow().credentials()).isEqualTo(credentials);
    }

}
