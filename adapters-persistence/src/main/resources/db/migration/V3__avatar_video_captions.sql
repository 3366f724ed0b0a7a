-- Whether HeyGen is asked for captions. Fixed when a video is requested; rows from before default to none.
-- (Voice settings and backgrounds travel inside the scenes JSON, which needs no new column.)
ALTER TABLE avatar_videos ADD COLUMN captions boolean NOT NULL DEFAULT false;
