package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts.Call;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererAccount;
import java.util.List;
import java.util.Map;

/**
 * One renderer account's renderer, counting each call that was answered ({@link RendererAccess}). Equal to another for
 * the same account, so work can be grouped by account.
 */
final class AccountRenderer {

    private final RendererAccount account;
    private final VideoRenderer renderer;
    private final RendererCallCounts calls;

    AccountRenderer(RendererAccount account, VideoRenderer renderer, RendererCallCounts calls) {
        this.account = account;
        this.renderer = renderer;
        this.calls = calls;
    }

    RendererAccount account() {
        return account;
    }

    SubmitOutcome submit(AvatarVideo video) {
        SubmitOutcome outcome = renderer.submit(video);
        calls.add(Call.SUBMIT, 1);
        return outcome;
    }

    RenderStatus status(RenderId renderId) {
        RenderStatus status = renderer.status(renderId);
        calls.add(Call.STATUS_SINGLE, 1);
        return status;
    }

    Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds) {
        Map<RenderId, RenderStatus> statuses = renderer.statuses(renderIds);
        calls.add(Call.STATUS_BULK, 1);
        return statuses;
    }

    int statusBatchLimit() {
        return renderer.statusBatchLimit();
    }

    RenderedVideo download(DownloadLink link) {
        return renderer.download(link);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountRenderer that && account.equals(that.account);
    }

    @Override
    public int hashCode() {
        return account.hashCode();
    }
}
