package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RendererKeys;
import dev.avatarvideo.application.port.out.rendering.RendererKeys.TenantRendererKey;
import dev.avatarvideo.application.port.out.tenant.Tenants;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link RendererKeys} must do, for the in-memory fake and the database alike. Whether a retired key is still
 * needed depends on the renders in flight, which the database reads from the video rows; {@link #renderInFlightOn}
 * puts one there (or tells the fake). Each test starts with no keys.
 */
public abstract class RendererKeysContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    /** The keys and the tenants they belong to, sharing one store, empty. */
    public record Store(Tenants tenants, RendererKeys keys) {
    }

    protected abstract Store newStore();

    /** A render in flight (queued, rendering or copying) submitted on {@code account}. */
    protected abstract void renderInFlightOn(RendererAccount account);

    private Tenants tenants;
    private RendererKeys keys;

    @BeforeEach
    void setUpStore() {
        Store store = newStore();
        tenants = store.tenants();
        keys = store.keys();
    }

    @Test
    void aSavedKeyIsTheTenantsCurrentOneAndUsable() {
        TenantId acme = tenant("acme");
        TenantRendererKey key = key(acme, "hg-acme-1", T0);

        keys.save(key);

        assertThat(keys.current(acme)).contains(key);
        assertThat(keys.current(acme).orElseThrow().credentials().apiKey()).startsWith("hg-acme-1").isEqualTo(key.credentials().apiKey());
        assertThat(keys.byAccount(key.credentials().account())).contains(key.credentials());
        assertThat(keys.current(tenant("globex"))).isEmpty();
        assertThat(keys.byAccount(new RendererCredentials("never-saved").account())).isEmpty();
    }

    @Test
    void aNewKeyRetiresTheOldOneWhichStillAnswersForItsAccountUntilForgotten() {
        TenantId acme = tenant("acme");
        TenantRendererKey old = key(acme, "hg-old", T0);
        TenantRendererKey replacement = key(acme, "hg-new", T0.plusSeconds(60));
        keys.save(old);

        keys.save(replacement);

        assertThat(keys.current(acme)).contains(replacement);
        assertThat(keys.allCurrent()).containsExactly(replacement);
        assertThat(keys.byAccount(old.credentials().account())).as("retired, still known").contains(old.credentials());

        assertThat(keys.forgetUnusedRetired()).isEqualTo(1);
        assertThat(keys.byAccount(old.credentials().account())).isEmpty();
        assertThat(keys.current(acme)).contains(replacement);
    }

    @Test
    void aRetiredKeyStaysWhileARenderSubmittedWithItIsInFlight() {
        TenantId acme = tenant("acme");
        TenantId globex = tenant("globex");
        TenantRendererKey busy = key(acme, "hg-busy", T0);
        TenantRendererKey idle = key(globex, "hg-idle", T0);
        keys.save(busy);
        keys.save(idle);
        renderInFlightOn(busy.credentials().account());

        assertThat(keys.retire(acme, T0.plusSeconds(10))).isTrue();
        assertThat(keys.retire(globex, T0.plusSeconds(10))).isTrue();
        assertThat(keys.retire(globex, T0.plusSeconds(20))).as("nothing current left to retire").isFalse();

        assertThat(keys.current(acme)).isEmpty();
        assertThat(keys.allCurrent()).isEmpty();
        assertThat(keys.forgetUnusedRetired()).isEqualTo(1);
        assertThat(keys.byAccount(busy.credentials().account())).as("still asks about its render").contains(busy.credentials());
        assertThat(keys.byAccount(idle.credentials().account())).isEmpty();
    }

    @Test
    void currentKeysAreNeverForgottenAndEveryTenantsCurrentKeyIsListed() {
        TenantRendererKey acme = key(tenant("acme"), "hg-acme", T0);
        TenantRendererKey globex = key(tenant("globex"), "hg-globex", T0.plusSeconds(1));
        keys.save(acme);
        keys.save(globex);

        assertThat(keys.forgetUnusedRetired()).isZero();

        assertThat(keys.allCurrent()).containsExactlyInAnyOrder(acme, globex);
    }

    @Test
    void savingTheSameKeyAgainKeepsOneCurrentKeyForItsAccount() {
        TenantId acme = tenant("acme");
        keys.save(key(acme, "hg-same", T0));
        TenantRendererKey again = key(acme, "hg-same", T0.plusSeconds(30));

        keys.save(again);

        assertThat(keys.current(acme)).contains(again);
        assertThat(keys.allCurrent()).containsExactly(again);
        keys.forgetUnusedRetired();
        assertThat(keys.byAccount(again.credentials().account())).contains(again.credentials());
    }

    private TenantId tenant(String prefix) {
        TenantId id = TenantId.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        tenants.add(new Tenant(id, prefix, T0));
        return id;
    }

    private static TenantRendererKey key(TenantId tenant, String apiKey, Instant at) {
        return new TenantRendererKey(tenant, new RendererCredentials(apiKey + "-" + tenant.value()), "HeyGen account of " + tenant, at);
    }
}
