-- Append-only audit log: who did what to which call or setting, and when.
CREATE TABLE IF NOT EXISTS audit_log
(
    tenant_id LowCardinality(String),
    id        UUID,
    at        DateTime64(3, 'UTC'),
    actor     String,
    role      LowCardinality(String),
    action    LowCardinality(String),
    target    String,
    details   String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, at, id);

-- Input that could not be accepted: the reason and the original bytes (base64, since
-- they may not be valid UTF-8), plus where it came from so it can be replayed.
CREATE TABLE IF NOT EXISTS dead_letters
(
    id             UUID,
    received_at    DateTime64(3, 'UTC'),
    source         LowCardinality(String),
    reason         String,
    detail         String,
    payload_base64 String,
    payload_size   UInt32,
    topic          String,
    partition      Int32,
    offset         String,
    message_key    String,
    headers        String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, id);
