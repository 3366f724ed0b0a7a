package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.DeleteAvatarVideo;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a video and purges its file through the ledger: the row (with its event history, callback and file record)
 * goes in one unit of work that hands the file to the ledger, and the object is deleted after the commit; a crash in
 * between is finished by the sweeper. A video still in flight simply stops being worked on: the work queues live in
 * its row. An ingest that was copying it at that moment finds the row gone and discards its copy.
 */
public final class VideoDeleter implements DeleteAvatarVideo {

    private final Videos videos;
    private final CrashSafeStorage files;
    private final Transactions transactions;

    public VideoDeleter(Videos videos, CrashSafeStorage files, Transactions transactions) {
        this.videos = videos;
        this.files = files;
        this.transactions = transactions;
    }

    @Override
    public boolean delete(TenantId tenantId, VideoId videoId) {
        Optional<Videos.RemovedVideo> removed;
        try {
            removed = transactions.inTransaction(() -> {
                Optional<Videos.RemovedVideo> gone = videos.delete(tenantId, videoId);
                gone.map(Videos.RemovedVideo::files).orElse(List.of()).forEach(files::schedulePurge);
                return gone;
            });
        } catch (Videos.VideoShownException e) {
            throw new VideoShownInTopicException(e.getMessage());
        }
        removed.map(Videos.RemovedVideo::files).orElse(List.of()).forEach(files::purge);
        return removed.isPresent();
    }
}
