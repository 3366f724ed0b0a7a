package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.port.in.catalog.ListAvatarLooksQuery;
import dev.avatarvideo.application.port.in.catalog.ListVoicesQuery;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Gender;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RendererCatalogQueriesTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final RendererCredentials ACME_KEY = new RendererCredentials("acme-key");

    private final InMemoryRendererCatalog catalog = new InMemoryRendererCatalog().accept(ACME_KEY)
            .addLook(InMemoryRendererCatalog.look("anna", AvatarType.STUDIO_AVATAR), Ownership.PUBLIC)
            .addLook(InMemoryRendererCatalog.look("twin", AvatarType.DIGITAL_TWIN), Ownership.PRIVATE)
            .addVoice(InMemoryRendererCatalog.voice("emma", "English", "female", Ownership.PUBLIC));
    private final Map<TenantId, RendererCredentials> keys = Map.of(ACME, ACME_KEY, GLOBEX, new RendererCredentials("globex-key"));
    private final RendererCatalogQueries queries = new RendererCatalogQueries(catalog, keys::get);

    @Test
    void listsWithTheRendererAccountOfTheAskingTenant() {
        RendererAnswer<List<AvatarLook>> acme = queries.list(ListAvatarLooksQuery.fromParameters(ACME, "digital_twin", null));
        RendererAnswer<List<AvatarLook>> globex = queries.list(ListAvatarLooksQuery.fromParameters(GLOBEX, null, null));

        assertThat(acme.answered().orElseThrow()).extracting(AvatarLook::id).containsExactly("twin");
        assertThat(globex).isInstanceOf(RendererAnswer.KeyRejected.class);
    }

    @Test
    void passesTheRenderersReasonOnUnchanged() {
        catalog.failWith(new RendererAnswer.RateLimited<>(Duration.ofSeconds(5)));

        assertThat(queries.list(ListVoicesQuery.fromParameters(ACME, null, null, null)))
                .isEqualTo(new RendererAnswer.RateLimited<>(Duration.ofSeconds(5)));
    }

    @Test
    void parametersAreReadStrictlyAndComplaintsNameTheParameter() {
        ListVoicesQuery query = ListVoicesQuery.fromParameters(ACME, " English ", "female", "private");

        assertThat(query.filter().language()).contains("English");
        assertThat(query.filter().gender()).contains(Gender.FEMALE);
        assertThat(query.filter().ownership()).contains(Ownership.PRIVATE);
        assertThat(ListAvatarLooksQuery.fromParameters(ACME, "  ", "").filter().type()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> ListAvatarLooksQuery.fromParameters(ACME, "hologram", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("avatarType"));
        assertThatThrownBy(() -> ListAvatarLooksQuery.fromParameters(ACME, "other", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("avatarType"));
        assertThatThrownBy(() -> ListAvatarLooksQuery.fromParameters(ACME, null, "shared"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ownership"));
        assertThatThrownBy(() -> ListVoicesQuery.fromParameters(ACME, null, "robot", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("gender"));
        assertThatThrownBy(() -> ListVoicesQuery.fromParameters(ACME, null, null, "cloned"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> ListVoicesQuery.fromParameters(ACME, "x".repeat(65), null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("language"));
    }
}
