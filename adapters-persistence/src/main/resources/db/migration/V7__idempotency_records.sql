-- Requests made with an Idempotency-Key and their answers, so a repeat on any instance gets the first answer instead
-- of a second video, render or key. `scope` is whose keys these are ('tenant:<id>' or 'operator'): the same key from
-- two tenants is two records. While `status` is NULL the request is in flight, held by `attempt` until `lease_until`;
-- the instance running it renews the lease, so a lapsed lease means it died and the key may be taken over.
-- `expires_at` is when the record stops counting (24 h after the first request); expired rows are deleted in batches.
-- The answer's body is sealed (AES-256-GCM under the master key, bound to its row): it may hold a new API key or a
-- webhook secret, shown to the caller only in that answer.
CREATE TABLE idempotency_records (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    fingerprint     text        NOT NULL,
    attempt         uuid        NOT NULL,
    lease_until     timestamptz,
    expires_at      timestamptz NOT NULL,
    status          integer CHECK (status BETWEEN 100 AND 599),
    headers         text,
    sealed_body     bytea,
    PRIMARY KEY (scope, idempotency_key),
    CONSTRAINT answered_or_leased CHECK ((status IS NULL) = (lease_until IS NOT NULL)
        AND (status IS NULL) = (sealed_body IS NULL) AND (status IS NULL) = (headers IS NULL))
);
CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);
