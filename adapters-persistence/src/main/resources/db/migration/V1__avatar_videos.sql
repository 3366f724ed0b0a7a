-- Files copied into a storage provider, with the metadata the platform relies on. One row per stored object,
-- keyed by its server-generated storage path.
CREATE TABLE stored_files (
    storage_path text PRIMARY KEY,
    tenant_id    text        NOT NULL,
    file_url     text        NOT NULL,
    file_name    text        NOT NULL,
    file_size    bigint      NOT NULL CHECK (file_size >= 0),
    file_type    text        NOT NULL,
    checksum     text        NOT NULL CHECK (checksum ~ '^sha256:[0-9a-f]{64}$'),
    provider     text        NOT NULL,
    uploaded_at  timestamptz NOT NULL
);

CREATE TABLE avatar_videos (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    title           text,
    scenes          jsonb       NOT NULL,
    resolution      text        NOT NULL,
    aspect_ratio    text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RENDERING', 'INGESTING', 'READY', 'FAILED')),
    render_id       text,
    failure_code    text,
    failure_message text,
    file_path       text REFERENCES stored_files (storage_path),
    ingest_attempts integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL,
    -- The domain's invariants, kept by the database too, so no code path can store an impossible video.
    CONSTRAINT ready_exactly_with_file CHECK ((status = 'READY') = (file_path IS NOT NULL)),
    CONSTRAINT failed_exactly_with_reason CHECK ((status = 'FAILED') = (failure_code IS NOT NULL)),
    CONSTRAINT rendered_with_render_id CHECK (status NOT IN ('RENDERING', 'INGESTING', 'READY') OR render_id IS NOT NULL)
);

-- Listing a tenant's videos newest first, with keyset pagination.
CREATE INDEX avatar_videos_by_tenant_newest ON avatar_videos (tenant_id, created_at DESC, id DESC);
-- Background work finds videos in flight, least recently changed first; finished videos stay out of this index.
CREATE INDEX avatar_videos_in_flight ON avatar_videos (status, updated_at) WHERE status IN ('QUEUED', 'RENDERING', 'INGESTING');
-- One HeyGen render belongs to one video.
CREATE UNIQUE INDEX avatar_videos_by_render_id ON avatar_videos (render_id) WHERE render_id IS NOT NULL;
