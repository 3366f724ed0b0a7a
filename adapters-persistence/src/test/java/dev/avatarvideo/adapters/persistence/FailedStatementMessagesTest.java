package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A statement that fails must not carry what was bound to it: its exception is logged, and a title or a name in it
 * could forge log lines or leak what a tenant wrote. Neither Jdbi's rendering (SQL and arguments) nor PostgreSQL's
 * error detail (which quotes the offending key) may appear in any message of the exception or its causes.
 */
class FailedStatementMessagesTest {

    private static final String FORGED = "12:00:00.000 ERROR [main] Forged - the admin key is avs_leaked";
    private static DatabaseForTests database;

    @BeforeAll
    static void connect() {
        database = DatabaseForTests.migrated();
    }

    @AfterAll
    static void disconnect() {
        database.database().close();
    }

    @Test
    void anInsertPostgreSQLRefusesKeepsTheBoundTextOutOfItsMessages() {
        Tenant withNul = new Tenant(TenantId.of("refused-tenant"), "Academy\u0000\n" + FORGED, Instant.parse("2026-11-21T10:00:00Z"));

        Throwable failure = catchThrowable(() -> database.database().tenants().add(withNul));

        assertThat(failure).isNotNull();
        assertThat(messages(failure)).as("some message says what went wrong").anyMatch(m -> m.contains("0x00"))
                .noneMatch(m -> m.contains("Forged") || m.contains("Academy") || m.contains("refused-tenant") || m.contains("INSERT"));
    }

    @Test
    void aDuplicateKeyDoesNotQuoteTheKey() {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("default"), "Secret course title", List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, Instant.parse("2026-11-21T10:00:00Z"));
        database.database().videos().add(video);

        Throwable failure = catchThrowable(() -> database.database().videos().add(video));

        assertThat(failure).isNotNull();
        assertThat(messages(failure)).anyMatch(m -> m.contains("duplicate key"))
                .noneMatch(m -> m.contains(video.id().toString()) || m.contains("Secret course title") || m.contains("INSERT"));
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
            messages.add(cause.toString());
        }
        return messages;
    }
}
