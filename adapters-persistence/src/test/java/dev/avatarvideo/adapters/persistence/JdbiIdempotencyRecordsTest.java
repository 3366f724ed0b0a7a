package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.IdempotencyRecordsContract;
import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;
import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords.Claim;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import dev.avatarvideo.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The idempotency record contract on a real PostgreSQL, and what only it can show: racing instances and answers sealed at rest. */
class JdbiIdempotencyRecordsTest extends IdempotencyRecordsContract {

    private static final AesGcmSealing KEY = AesGcmSealing.withBase64Key("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    private static DatabaseForTests fixture;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
    }

    @AfterAll
    static void disconnect() {
        fixture.database().close();
    }

    @Override
    protected IdempotencyRecords newRecords() {
        return fixture.database().idempotencyRecords(KEY);
    }

    @Test
    void ofManyClaimsRacingFromTwoInstancesExactlyOneHoldsTheKey() throws Exception {
        PostgresDatabase other = PostgresDatabase.connect(new DatabaseSettings(fixture.connection().jdbcUrl(), fixture.connection().user(),
                fixture.connection().password(), 8));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<IdempotencyRecords> instances = List.of(newRecords(), other.idempotencyRecords(KEY));
            IdempotencyScope scope = IdempotencyScope.of(TenantId.of("racing"));
            IdempotencyKey key = new IdempotencyKey("race-" + UUID.randomUUID());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                IdempotencyRecords records = instances.get(i % 2);
                claims.add(threads.submit(() -> {
                    start.await();
                    return records.claim(scope, key, "fp", UUID.randomUUID(), Instant.now(), Duration.ofSeconds(30), Duration.ofHours(24));
                }));
            }
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                results.add(claim.get());
            }

            assertThat(results).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(Claim.InFlight.class::isInstance).hasSize(15);
        } finally {
            other.close();
        }
    }

    @Test
    void answersAreStoredSealedBoundToTheirRow() {
        IdempotencyScope scope = IdempotencyScope.of(TenantId.of("sealed"));
        IdempotencyKey key = new IdempotencyKey("issue-key-" + UUID.randomUUID());
        String newApiKey = "avs_0123456789ab_" + "S".repeat(43);
        UUID attempt = UUID.randomUUID();
        newRecords().claim(scope, key, "fp", attempt, Instant.now(), Duration.ofSeconds(30), Duration.ofHours(24));
        newRecords().complete(scope, key, attempt, new RecordedAnswer(201, List.of(), ("{\"key\":\"" + newApiKey + "\"}").getBytes(StandardCharsets.UTF_8)));

        byte[] stored = Jdbi.create(fixture.connection().dataSource()).withHandle(h -> h.createQuery(
                "SELECT sealed_body FROM idempotency_records WHERE idempotency_key = :key").bind("key", key.value()).mapTo(byte[].class).one());

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(newApiKey).doesNotContain("avs_");
        String opened = KEY.open(stored, "idempotency_records/" + scope.value() + "/" + key.value());
        assertThat(new String(java.util.Base64.getDecoder().decode(opened), StandardCharsets.UTF_8)).contains(newApiKey);
    }
}
