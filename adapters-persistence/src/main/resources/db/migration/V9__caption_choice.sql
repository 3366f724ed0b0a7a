-- Captions became a choice (none, sidecar, burned, both) instead of yes/no. A yes asked HeyGen for captions with a
-- style, which burns them into the video it hands back, so every yes keeps meaning exactly that: burned.
ALTER TABLE avatar_videos ADD COLUMN caption_choice text NOT NULL DEFAULT 'none'
    CONSTRAINT caption_choice_known CHECK (caption_choice IN ('none', 'sidecar', 'burned', 'both'));
UPDATE avatar_videos SET caption_choice = 'burned' WHERE captions;
ALTER TABLE avatar_videos DROP COLUMN captions;
