-- Background work on videos, durable and shared by every instance: who holds a video right now, which renderer
-- account renders it, and when tracking looks at it next. A worker claims a video with FOR UPDATE SKIP LOCKED and a
-- lease (lease_owner, lease_until) that its instance renews while it works; when the instance dies the lease lapses and
-- any other instance takes the video over. Nothing here is a status change: these columns never touch `status`.
ALTER TABLE avatar_videos
    ADD COLUMN lease_owner      text,
    ADD COLUMN lease_until      timestamptz,
    -- No background work on the video before then (the renderer could not answer; ask again later).
    ADD COLUMN retry_at         timestamptz,
    -- The renderer account (its key's fingerprint, never the key) the video is submitted with and tracked on.
    ADD COLUMN renderer_account text,
    ADD COLUMN rendering_since  timestamptz,
    ADD COLUMN next_check_at    timestamptz,
    ADD COLUMN status_checks    integer NOT NULL DEFAULT 0 CHECK (status_checks >= 0),
    -- When a renderer event (webhook) first named the render, and whether a fresh status check it asked for is pending.
    ADD COLUMN event_at         timestamptz,
    ADD COLUMN check_requested  boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT lease_complete CHECK ((lease_owner IS NULL) = (lease_until IS NULL));

-- Videos rendering before this migration are looked at once at once, then on the schedule.
UPDATE avatar_videos SET rendering_since = updated_at, next_check_at = updated_at WHERE status = 'RENDERING';

-- The submitter: each tenant's oldest queued videos, and the renders in flight per account.
CREATE INDEX avatar_videos_queued_by_tenant ON avatar_videos (tenant_id, created_at, id) WHERE status = 'QUEUED';
CREATE INDEX avatar_videos_in_flight_by_account ON avatar_videos (renderer_account, tenant_id) WHERE status IN ('QUEUED', 'RENDERING');
-- The tracker: rendering videos by when they are due, and by account for the renders that ride along in a call.
CREATE INDEX avatar_videos_checks_due ON avatar_videos (next_check_at) WHERE status = 'RENDERING';
CREATE INDEX avatar_videos_checks_by_account ON avatar_videos (renderer_account, next_check_at) WHERE status = 'RENDERING';
-- Webhook-mode status: rendering videos no event has named, longest first.
CREATE INDEX avatar_videos_rendering_without_event ON avatar_videos (rendering_since) WHERE status = 'RENDERING' AND event_at IS NULL;
-- The ingester: rendering videos a renderer event asked to be checked (INGESTING ones use avatar_videos_in_flight).
CREATE INDEX avatar_videos_checks_requested ON avatar_videos (updated_at) WHERE status = 'RENDERING' AND check_requested;
-- Renewing an instance's leases.
CREATE INDEX avatar_videos_leased ON avatar_videos (lease_owner) WHERE lease_owner IS NOT NULL;

-- Renderer events (HeyGen webhooks) whose signature was verified: one row per (event, render), however often it was
-- delivered. applied_at is set once it made its video due for a fresh status check (or turned out to have nothing to do).
CREATE TABLE renderer_events (
    event_type        text        NOT NULL CHECK (event_type IN ('VIDEO_RENDERED', 'VIDEO_FAILED')),
    render_id         text        NOT NULL,
    first_received_at timestamptz NOT NULL,
    last_received_at  timestamptz NOT NULL,
    deliveries        integer     NOT NULL CHECK (deliveries >= 1),
    applied_at        timestamptz,
    PRIMARY KEY (event_type, render_id)
);
CREATE INDEX renderer_events_waiting ON renderer_events (first_received_at) WHERE applied_at IS NULL;
CREATE INDEX renderer_events_latest ON renderer_events (last_received_at);

-- The webhook endpoints this service registered per renderer account and address, with the signing secret sealed
-- (AES-256-GCM under the master key; see AesGcmSealing): the database alone does not reveal it.
CREATE TABLE renderer_webhooks (
    renderer_account text        NOT NULL,
    url              text        NOT NULL,
    endpoint_id      text        NOT NULL,
    sealed_secret    bytea       NOT NULL,
    registered_at    timestamptz NOT NULL,
    PRIMARY KEY (renderer_account, url)
);

-- A renderer account asked us to wait (rate limited, or its renders in progress are at HeyGen's limit): no instance
-- submits on it before `until`.
CREATE TABLE renderer_submission_pauses (
    renderer_account text PRIMARY KEY,
    until            timestamptz NOT NULL
);

-- Calls made to the renderer, by all instances together, since counting began.
CREATE TABLE renderer_calls (
    call  text PRIMARY KEY CHECK (call IN ('STATUS_BULK', 'STATUS_SINGLE', 'SUBMIT')),
    calls bigint      NOT NULL CHECK (calls >= 0),
    since timestamptz NOT NULL
);
