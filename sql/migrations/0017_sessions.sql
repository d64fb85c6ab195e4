-- Server-side sessions (lib/auth/sessions): the signed cookie carries only a random
-- session id; this table says whether that session still stands. Several web servers
-- share it, and it survives a restart.
--
-- Every column merges by max, so a session's row is the union of the partial rows
-- written for it: the sign-in (who, how, from where, the role and scope an OIDC
-- provider gave), "last seen" touches that also push the idle expiry forward, and a
-- revocation. A revocation can therefore never be undone by a later touch from a web
-- server that had not heard of it yet (with a replacing row and a version, the later
-- touch would win). A revocation row carries an expiry beyond any touch's, so the TTL
-- cannot drop it before the rows it cancels; readers also ignore expired sessions.
CREATE TABLE IF NOT EXISTS sessions
(
    tenant_id      LowCardinality(String),
    sid            String,
    user_id        SimpleAggregateFunction(max, String),
    provider       SimpleAggregateFunction(max, String),
    name           SimpleAggregateFunction(max, String),
    role           SimpleAggregateFunction(max, String),
    scope          SimpleAggregateFunction(max, String),
    created_at     SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    last_seen_at   SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    expires_at     SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    client_address SimpleAggregateFunction(max, String),
    user_agent     SimpleAggregateFunction(max, String),
    revoked_at     SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    revoked_by     SimpleAggregateFunction(max, String)
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, sid)
TTL toDateTime(expires_at) + INTERVAL 1 DAY;
