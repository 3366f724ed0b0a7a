-- Course topics with their ordered contents, the ledger that keeps storage free of orphans, and what a video needs
-- while its copy into storage is being retried.

-- Stored objects that no committed record owns: uploads whose record is not committed yet (reason UPLOAD) and
-- objects whose record was removed and which are being deleted (PURGE). The sweeper deletes the object of every
-- entry past its deadline, then the entry.
CREATE TABLE unclaimed_objects (
    storage_path text PRIMARY KEY,
    tenant_id    text        NOT NULL,
    reason       text        NOT NULL CHECK (reason IN ('UPLOAD', 'PURGE')),
    deadline     timestamptz NOT NULL
);
CREATE INDEX unclaimed_objects_by_deadline ON unclaimed_objects (deadline);

-- An object is either owned by a record (it has a stored_files row) or listed as unclaimed, never both: the sweeper
-- deletes whatever is listed, so a record must take its object off the list in the same transaction that saves it,
-- and an object goes on the list only in the transaction that removes its record.
CREATE FUNCTION refuse_owned_and_unclaimed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'stored_files' AND EXISTS (SELECT 1 FROM unclaimed_objects WHERE storage_path = NEW.storage_path) THEN
        RAISE EXCEPTION 'object % is still listed as unclaimed; a record may only own it after claiming it', NEW.storage_path
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_TABLE_NAME = 'unclaimed_objects' AND EXISTS (SELECT 1 FROM stored_files WHERE storage_path = NEW.storage_path) THEN
        RAISE EXCEPTION 'object % is owned by a record; remove the record before listing it as unclaimed', NEW.storage_path
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER stored_files_are_not_unclaimed BEFORE INSERT ON stored_files
    FOR EACH ROW EXECUTE FUNCTION refuse_owned_and_unclaimed();
CREATE TRIGGER unclaimed_objects_are_not_owned BEFORE INSERT ON unclaimed_objects
    FOR EACH ROW EXECUTE FUNCTION refuse_owned_and_unclaimed();

CREATE TABLE topics (
    id         uuid PRIMARY KEY,
    tenant_id  text        NOT NULL,
    title      text        NOT NULL,
    language   text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    bigint      NOT NULL
);
-- Listing a tenant's topics newest first, with keyset pagination.
CREATE INDEX topics_by_tenant_newest ON topics (tenant_id, created_at DESC, id DESC);

CREATE TABLE topic_contents (
    topic_id  uuid    NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position  integer NOT NULL CHECK (position >= 0),
    kind      text    NOT NULL CHECK (kind IN ('TEXT', 'VIDEO', 'FILE')),
    body      text,
    video_id  uuid REFERENCES avatar_videos (id),
    file_path text REFERENCES stored_files (storage_path),
    PRIMARY KEY (topic_id, position),
    CONSTRAINT one_value_per_kind CHECK (
        (kind = 'TEXT' AND body IS NOT NULL AND video_id IS NULL AND file_path IS NULL)
        OR (kind = 'VIDEO' AND body IS NULL AND video_id IS NOT NULL AND file_path IS NULL)
        OR (kind = 'FILE' AND body IS NULL AND video_id IS NULL AND file_path IS NOT NULL))
);
-- A file belongs to one topic, once: purging a topic's files can never take one away from another record.
CREATE UNIQUE INDEX topic_contents_file_owned_once ON topic_contents (file_path) WHERE file_path IS NOT NULL;
-- Which topics show a video.
CREATE INDEX topic_contents_by_video ON topic_contents (video_id) WHERE video_id IS NOT NULL;

-- A video whose copy into storage failed stays playable from the renderer's own (temporary) address until it expires,
-- and waits until next_ingest_at for the next attempt; the schedule lives here so a restart keeps it.
ALTER TABLE avatar_videos
    ADD COLUMN temporary_url     text,
    ADD COLUMN temporary_until   timestamptz,
    ADD COLUMN next_ingest_at    timestamptz,
    ADD COLUMN last_ingest_error text,
    ADD CONSTRAINT ingest_retry_complete CHECK (
        (temporary_url IS NULL) = (temporary_until IS NULL)
        AND (temporary_url IS NULL) = (next_ingest_at IS NULL)
        AND (temporary_url IS NULL) = (last_ingest_error IS NULL)),
    ADD CONSTRAINT ingest_retry_only_while_ingesting CHECK (temporary_url IS NULL OR status = 'INGESTING');
