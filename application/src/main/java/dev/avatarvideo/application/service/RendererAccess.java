package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.rendering.RendererAccounts;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.SubmittedAccounts;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.util.Optional;

/**
 * The renderer as the account a video renders on sees it, for the submitter, the tracker and the ingester alike: which
 * account that is (the tenant's current one for a new render; the one a render was submitted on for every question
 * about it, since only that account knows it), the renderer with that account's key, and every call made counted.
 */
public final class RendererAccess {

    private final RendererAccounts accounts;
    private final VideoRenderers renderers;
    private final SubmittedAccounts submitted;
    private final RendererCallCounts calls;

    public RendererAccess(RendererAccounts accounts, VideoRenderers renderers, SubmittedAccounts submitted, RendererCallCounts calls) {
        this.accounts = accounts;
        this.renderers = renderers;
        this.submitted = submitted;
        this.calls = calls;
    }

    /** The account the tenant's new renders are submitted on. */
    AccountRenderer forNewRenders(TenantId tenant) {
        return on(accounts.credentialsFor(tenant));
    }

    /** The account a render of the tenant's was submitted on ({@code submittedOn}, when recorded). */
    AccountRenderer forRender(TenantId tenant, Optional<RendererAccount> submittedOn) {
        return on(accounts.credentialsFor(tenant, submittedOn));
    }

    /** The account the video was submitted on, looked up. */
    AccountRenderer forSubmitted(AvatarVideo video) {
        return forRender(video.tenantId(), submitted.accountOf(video.id()));
    }

    private AccountRenderer on(RendererCredentials credentials) {
        return new AccountRenderer(credentials.account(), renderers.forAccount(credentials), calls);
    }
}
