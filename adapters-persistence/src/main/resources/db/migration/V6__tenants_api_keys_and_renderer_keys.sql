-- Tenants, the service API keys they call with, and the HeyGen keys they bring; and render attempts, so a failed video
-- can be tried again as a new render.

-- Videos and topics name their tenant by id (tenant_id text) from before tenants were recorded; a first start with no
-- tenant creates the one those rows belong to ('default'), so they stay reachable.
CREATE TABLE tenants (
    id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- Only the SHA-256 of a key is kept: a key is 32 random bytes, so its hash cannot be searched back, and the id in front
-- of the key finds the row without comparing against every hash.
CREATE TABLE api_keys (
    id         text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
    tenant_id  text        NOT NULL REFERENCES tenants (id),
    name       text        NOT NULL,
    key_hash   bytea       NOT NULL CHECK (length(key_hash) = 32),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at);

-- A tenant's HeyGen keys, sealed (AES-256-GCM under the master key, bound to the row; see AesGcmSealing). At most one
-- is current; a replaced or removed one is kept (retired_at set) only while renders submitted with it are in flight,
-- because only that key can ask HeyGen about them. `account` is the key's fingerprint, as avatar_videos.renderer_account.
CREATE TABLE tenant_renderer_keys (
    tenant_id     text        NOT NULL REFERENCES tenants (id),
    account       text        NOT NULL,
    sealed_secret bytea       NOT NULL,
    account_name  text        NOT NULL,
    registered_at timestamptz NOT NULL,
    retired_at    timestamptz,
    PRIMARY KEY (tenant_id, account, registered_at)
);
CREATE UNIQUE INDEX tenant_renderer_keys_current ON tenant_renderer_keys (tenant_id) WHERE retired_at IS NULL;
CREATE INDEX tenant_renderer_keys_by_account ON tenant_renderer_keys (account);

-- 1 for a video's first render, one more for each retry; HeyGen's Idempotency-Key carries it, so a retry is a new
-- render and not a replay of the failed one.
ALTER TABLE avatar_videos ADD COLUMN render_attempt integer NOT NULL DEFAULT 1 CHECK (render_attempt >= 1);
