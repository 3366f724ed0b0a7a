package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.tenant.ApiKeys;
import dev.avatarvideo.application.port.out.tenant.ApiKeys.StoredApiKey;
import dev.avatarvideo.application.port.out.tenant.Tenants;
import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyToken;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Tenants} and the {@link ApiKeys} of their tenants must do, for the in-memory fakes and the database
 * alike. Both are held to one contract because a key belongs to a tenant that exists. Each test starts with no tenants.
 */
public abstract class TenantsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    /** The tenants and their keys, sharing one store, empty. */
    public record Store(Tenants tenants, ApiKeys keys) {
    }

    protected abstract Store newStore();

    private Tenants tenants;
    private ApiKeys keys;

    @BeforeEach
    void setUpStore() {
        Store store = newStore();
        tenants = store.tenants();
        keys = store.keys();
    }

    @Test
    void aTenantIsAddedOnceAndTheFirstOneStays() {
        assertThat(tenants.isEmpty()).isTrue();
        Tenant acme = new Tenant(TenantId.of("acme"), "ACME Learning", T0);

        assertThat(tenants.add(acme)).isTrue();
        assertThat(tenants.add(new Tenant(TenantId.of("acme"), "Someone Else", T0.plusSeconds(5)))).isFalse();

        assertThat(tenants.find(TenantId.of("acme"))).contains(acme);
        assertThat(tenants.find(TenantId.of("globex"))).isEmpty();
        assertThat(tenants.isEmpty()).isFalse();
    }

    @Test
    void tenantsAreListedOldestFirst() {
        Tenant second = new Tenant(TenantId.of("second"), "Second", T0.plusSeconds(10));
        Tenant first = new Tenant(TenantId.of("first"), "First", T0);
        Tenant third = new Tenant(TenantId.of("third"), "Third", T0.plusSeconds(20));
        tenants.add(second);
        tenants.add(third);
        tenants.add(first);

        assertThat(tenants.list()).containsExactly(first, second, third);
    }

    @Test
    void aKeyIsKeptWithItsHashAndFoundByItsId() {
        TenantId acme = tenant("acme");
        ApiKeyToken token = ApiKeyToken.generate();
        ApiKey key = ApiKey.issue(token, acme, "CI pipeline", T0);

        keys.add(new StoredApiKey(key, token.hash()));

        StoredApiKey found = keys.find(key.id()).orElseThrow();
        assertThat(found.key()).isEqualTo(key);
        assertThat(token.matches(found.hash())).isTrue();
        assertThat(ApiKeyToken.generate().matches(found.hash())).isFalse();
        assertThat(keys.find(ApiKeyToken.generate().id())).isEmpty();
    }

    @Test
    void aTenantsKeysAreListedOldestFirstRevokedOnesIncludedAndOnlyItsOwn() {
        TenantId acme = tenant("acme");
        TenantId globex = tenant("globex");
        ApiKey later = add(acme, "later", T0.plusSeconds(30));
        ApiKey earlier = add(acme, "earlier", T0);
        add(globex, "theirs", T0.plusSeconds(1));
        keys.revoke(acme, earlier.id(), T0.plusSeconds(40));

        assertThat(keys.list(acme)).extracting(ApiKey::name).containsExactly("earlier", "later");
        assertThat(keys.list(acme).getFirst().revokedAt()).contains(T0.plusSeconds(40));
        assertThat(keys.list(acme).get(1)).isEqualTo(later);
        assertThat(keys.list(TenantId.of("initech"))).isEmpty();
    }

    @Test
    void revokingTwiceKeepsTheFirstTimeAndAnotherTenantsKeyCannotBeRevoked() {
        TenantId acme = tenant("acme");
        TenantId globex = tenant("globex");
        ApiKey key = add(acme, "ci", T0);

        assertThat(keys.revoke(globex, key.id(), T0.plusSeconds(5))).as("another tenant's key").isFalse();
        assertThat(keys.find(key.id()).orElseThrow().key().isActive()).isTrue();

        assertThat(keys.revoke(acme, key.id(), T0.plusSeconds(10))).isTrue();
        assertThat(keys.revoke(acme, key.id(), T0.plusSeconds(20))).isTrue();

        assertThat(keys.find(key.id()).orElseThrow().key().revokedAt()).contains(T0.plusSeconds(10));
        assertThat(keys.revoke(acme, ApiKeyToken.generate().id(), T0)).as("no such key").isFalse();
    }

    private TenantId tenant(String prefix) {
        TenantId id = TenantId.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        tenants.add(new Tenant(id, prefix, T0));
        return id;
    }

    private ApiKey add(TenantId tenant, String name, Instant at) {
        ApiKeyToken token = ApiKeyToken.generate();
        ApiKey key = ApiKey.issue(token, tenant, name, at);
        keys.add(new StoredApiKey(key, token.hash()));
        return key;
    }
}
