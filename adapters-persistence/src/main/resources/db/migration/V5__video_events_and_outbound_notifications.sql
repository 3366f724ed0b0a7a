-- Every video's history as an event log, live status for subscribers on any instance, and outbound notifications to
-- the platform from a transactional outbox. All of it is written by triggers on avatar_videos, so no code path,
-- present or future, can add a video or change its status without its event, its notification and its deliveries:
-- they commit or roll back with the change itself.

-- Event ids are taken under a transaction-scoped lock (see record_video_event), so they become visible in increasing
-- order: whoever has seen id N has seen, or will never see, every smaller one. Readers resume with "id > N".
-- The triggers run at commit (deferred constraint triggers), so that lock is only ever taken once a transaction has
-- every other lock it needs. Taken at the status change itself, it would be held while the transaction goes on, and a
-- transaction that changed one video's status and then waited for another video's row would deadlock with the
-- holder of that row if it was changing that video's status (VideoEventLockTest).
CREATE SEQUENCE video_event_ids;

CREATE TABLE video_events (
    id              bigint PRIMARY KEY,
    video_id        uuid        NOT NULL REFERENCES avatar_videos (id) ON DELETE CASCADE,
    tenant_id       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RENDERING', 'INGESTING', 'READY', 'FAILED')),
    failure_code    text,
    failure_message text,
    -- The file's metadata is read from stored_files; its address is issued fresh whenever the event is delivered.
    file_path       text,
    occurred_at     timestamptz NOT NULL,
    CONSTRAINT event_failed_exactly_with_reason CHECK ((status = 'FAILED') = (failure_code IS NOT NULL)),
    CONSTRAINT event_ready_exactly_with_file CHECK ((status = 'READY') = (file_path IS NOT NULL))
);
CREATE INDEX video_events_by_video ON video_events (video_id, id);

-- The platform's endpoints, per tenant. statuses: the status changes it hears. The signing secret is sealed, bound to
-- its row, like every secret kept here (AES-256-GCM under the master key; see AesGcmSealing).
CREATE TABLE notification_endpoints (
    id            uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    url           text        NOT NULL,
    statuses      text[]      NOT NULL CHECK (cardinality(statuses) > 0),
    sealed_secret bytea       NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX notification_endpoints_by_tenant ON notification_endpoints (tenant_id, created_at, id);

-- Each tenant's secret for the per-request callbackUrls, sealed like the endpoints' ones.
CREATE TABLE callback_secrets (
    tenant_id     text PRIMARY KEY,
    sealed_secret bytea       NOT NULL,
    created_at    timestamptz NOT NULL
);

-- The callbackUrl a video request named; kept beside the video rather than in it.
CREATE TABLE video_callbacks (
    video_id  uuid PRIMARY KEY REFERENCES avatar_videos (id) ON DELETE CASCADE,
    tenant_id text NOT NULL,
    url       text NOT NULL
);

-- The outbox: one row per notification to deliver. A PENDING row is due at next_attempt_at; an instance claims it by
-- moving next_attempt_at a lease ahead under FOR UPDATE SKIP LOCKED and writing its claim, and records the outcome
-- only while that claim is still the row's.
CREATE TABLE notification_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        bigint      NOT NULL REFERENCES video_events (id) ON DELETE CASCADE,
    tenant_id       text        NOT NULL,
    -- NULL: the video's own callbackUrl, signed with the tenant's callback secret.
    endpoint_id     uuid REFERENCES notification_endpoints (id) ON DELETE CASCADE,
    url             text        NOT NULL,
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'GAVE_UP')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    queued_at       timestamptz NOT NULL,
    next_attempt_at timestamptz,
    claim           uuid,
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    CONSTRAINT due_exactly_while_pending CHECK ((state = 'PENDING') = (next_attempt_at IS NOT NULL)),
    CONSTRAINT delivered_exactly_with_time CHECK ((state = 'DELIVERED') = (delivered_at IS NOT NULL))
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX notification_deliveries_by_event ON notification_deliveries (event_id);

CREATE FUNCTION record_video_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event_id bigint;
BEGIN
    -- Held until this transaction ends, which is now (the trigger runs at commit): the next event id is taken only
    -- after this one has committed or rolled back, so ids become visible in order. Costs one short wait per concurrent
    -- commit that changed a status, and only for those.
    PERFORM pg_advisory_xact_lock(hashtext('avatar-video-service.video_events'));
    event_id := nextval('video_event_ids');
    INSERT INTO video_events (id, video_id, tenant_id, status, failure_code, failure_message, file_path, occurred_at)
    VALUES (event_id, NEW.id, NEW.tenant_id, NEW.status, NEW.failure_code, NEW.failure_message, NEW.file_path, NEW.updated_at);

    INSERT INTO notification_deliveries (event_id, tenant_id, endpoint_id, url, queued_at, next_attempt_at)
    SELECT event_id, NEW.tenant_id, e.id, e.url, NEW.updated_at, NEW.updated_at
      FROM notification_endpoints e
     WHERE e.tenant_id = NEW.tenant_id AND NEW.status = ANY (e.statuses);
    -- A callback hears what happens after the request; the request's own answer already said QUEUED.
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO notification_deliveries (event_id, tenant_id, endpoint_id, url, queued_at, next_attempt_at)
        SELECT event_id, NEW.tenant_id, NULL, c.url, NEW.updated_at, NEW.updated_at
          FROM video_callbacks c
         WHERE c.video_id = NEW.id;
    END IF;

    -- Delivered to every listening session when (and only if) this transaction commits.
    PERFORM pg_notify('video_events', event_id::text);
    RETURN NULL;
END
$$;

-- NEW is the row as the change left it, even though the trigger runs at commit. Only status changes fire: the work
-- queues update lease and schedule columns of the same rows all the time, and those are no event.
CREATE CONSTRAINT TRIGGER avatar_video_requested AFTER INSERT ON avatar_videos
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION record_video_event();
CREATE CONSTRAINT TRIGGER avatar_video_status_changed AFTER UPDATE OF status ON avatar_videos
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION record_video_event();

-- Videos from before the log began start it with their current state.
INSERT INTO video_events (id, video_id, tenant_id, status, failure_code, failure_message, file_path, occurred_at)
SELECT nextval('video_event_ids'), v.id, v.tenant_id, v.status, v.failure_code, v.failure_message, v.file_path, v.updated_at
  FROM (SELECT * FROM avatar_videos ORDER BY updated_at, id) v;
