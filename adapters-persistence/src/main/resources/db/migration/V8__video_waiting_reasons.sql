-- Why a video waits on the renderer (it cannot be reached, refuses the account's key, asks to wait). A row counts only
-- while its video still has the status it was written for, so a video that moved on never shows a stale reason;
-- rows are removed when the account answers again, or with their video.
CREATE TABLE video_waits (
    video_id uuid PRIMARY KEY REFERENCES avatar_videos (id) ON DELETE CASCADE,
    account  text        NOT NULL,
    status   text        NOT NULL CHECK (status IN ('QUEUED', 'RENDERING')),
    reason   text        NOT NULL CHECK (reason IN ('heygen-unreachable', 'heygen-refuses-key', 'heygen-rate-limited')),
    detail   text        NOT NULL,
    since    timestamptz NOT NULL
);

-- The account answers again: its waits in one status go at once.
CREATE INDEX video_waits_by_account ON video_waits (account, status);
