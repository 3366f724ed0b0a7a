package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.rendering.SubmittedAccounts;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link SubmittedAccounts} from the video rows, where the submitter records the account with the render. */
final class JdbiSubmittedAccounts implements SubmittedAccounts {

    private final Jdbi jdbi;

    JdbiSubmittedAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<RendererAccount> accountOf(VideoId video) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT renderer_account FROM avatar_videos WHERE id = :id")
                .bind("id", video.value())
                .map((rs, ctx) -> Optional.ofNullable(rs.getString(1)))
                .findOne()
                .flatMap(account -> account)
                .map(RendererAccount::new));
    }
}
