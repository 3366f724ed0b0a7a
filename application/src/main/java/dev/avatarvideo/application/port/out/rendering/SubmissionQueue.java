package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Queued videos waiting for a render slot on a renderer account, claimed by one worker at a time. A claim is a lease:
 * it lasts while its holder works on the video, and lapses when the holder dies, so another worker (in this process
 * or another instance) takes the video over. Accounts are named by their key's fingerprint, never by the key.
 */
public interface SubmissionQueue {

    /** Tenants with at least one queued video nobody holds. */
    List<TenantId> tenantsWaiting(Instant now);

    /**
     * Runs {@code work} while no other worker, here or in another instance, claims for the same account, so the
     * renders in flight it reads stay true until its claim is saved. Calls made inside see and save together. When
     * another worker is claiming for the account right now, answers empty at once without running {@code work}: that
     * worker fills the account's free slots from the same queue, so waiting for it would only serialise the instances.
     */
    <T> Optional<T> whileClaimingFor(RendererAccount account, Supplier<T> work);

    /**
     * Renders in flight on the account, per tenant: submitted and not finished, or claimed for submission now. A render
     * the renderer announced as ended (a verified webhook in the inbox) is finished here even while its video is still
     * {@code RENDERING}, waiting for its fresh check and its copy: the renderer's slot is free the moment the render
     * ends, and counting it until the copy starts would let a slow copy hold back the next submission.
     */
    Map<TenantId, Integer> inFlight(RendererAccount account, Instant now);

    /** Up to {@code perTenant} of each tenant's oldest queued videos nobody holds, oldest first per tenant. */
    List<QueuedVideo> oldestWaiting(Collection<TenantId> tenants, int perTenant, Instant now);

    /**
     * Claims the given videos for submission with the account's key. Answers those that were still queued and free,
     * in the order asked; any another worker holds or already moved on are skipped, never waited for.
     */
    List<AvatarVideo> claim(List<VideoId> videos, RendererAccount account, Instant now);

    /** Gives a claimed video back, untouched; it waits in the queue as before. */
    void release(VideoId video);

    /** No video is claimed for the account before {@code until}: the renderer asked us to wait. */
    void pause(RendererAccount account, Instant until);

    Optional<Instant> pausedUntil(RendererAccount account, Instant now);

    /** A queued video as the queue orders it. */
    record QueuedVideo(VideoId id, TenantId tenantId, Instant createdAt) {
    }
}
