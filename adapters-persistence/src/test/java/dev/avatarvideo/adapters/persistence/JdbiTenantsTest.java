package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.TenantsContract;
import dev.avatarvideo.application.port.out.tenant.ApiKeys.StoredApiKey;
import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyToken;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tenants' and API keys' contract on a real PostgreSQL, a fresh database per test (listings see every tenant), and
 * what only the database shows: no key is kept, only its hash, and a key needs its tenant.
 */
class JdbiTenantsTest extends TenantsContract {

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();

    @Override
    protected Store newStore() {
        PostgresDatabase database = databases.open().database();
        return new Store(database.tenants(), database.apiKeys());
    }

    @Test
    void onlyTheHashOfAKeyIsStored() {
        DatabaseForTests fixture = databases.open();
        TenantId acme = TenantId.of("acme");
        fixture.database().tenants().add(new Tenant(acme, "ACME", Instant.parse("2026-11-21T10:00:00Z")));
        ApiKeyToken token = ApiKeyToken.generate();
        fixture.database().apiKeys().add(new StoredApiKey(ApiKey.issue(token, acme, "ci", Instant.parse("2026-11-21T10:00:00Z")), token.hash()));

        List<String> rows = Jdbi.create(fixture.connection().dataSource()).withHandle(h -> h.createQuery(
                "SELECT id || ' ' || name || ' ' || encode(key_hash, 'hex') FROM api_keys").mapTo(String.class).list());

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).doesNotContain(token.value()).doesNotContain(token.value().substring(ApiKeyToken.PREFIX.length()));
            assertThat(row).contains(HexFormat.of().formatHex(token.hash()));
        });
        assertThat(new String(token.hash(), StandardCharsets.ISO_8859_1)).isNotEqualTo(token.value());
    }

    @Test
    void aKeyForATenantThatDoesNotExistIsRefused() {
        ApiKeyToken token = ApiKeyToken.generate();
        ApiKey orphan = ApiKey.issue(token, TenantId.of("nobody"), "ci", Instant.parse("2026-11-21T10:00:00Z"));

        assertThatThrownBy(() -> databases.open().database().apiKeys().add(new StoredApiKey(orphan, token.hash()))).isInstanceOf(RuntimeException.class);
    }

}
