-- Whole-day agent state totals, computed from the deduplicated pieces and kept until
-- the day receives new data. A year of a 500-agent centre is ~15M state pieces; the
-- same year is ~1M daily totals. A sum rollup fed straight from the events would be
-- smaller still, but a repeated event that slipped past the pipeline's checks would
-- count twice in it, and state time must stay as exact as the pieces it comes from.

-- When each UTC day last received state pieces (max of insert times: idempotent).
CREATE TABLE IF NOT EXISTS agent_state_days_touched
(
    tenant_id      LowCardinality(String),
    day            Date,
    last_insert_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, day);

-- Fires on every insert into agent_state_pieces, including its own view's inserts.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_agent_state_days_touched TO agent_state_days_touched AS
SELECT tenant_id, toDate(start_at) AS day, now64(3, 'UTC') AS last_insert_at
FROM agent_state_pieces;

INSERT INTO agent_state_days_touched
SELECT tenant_id, toDate(start_at) AS day, now64(3, 'UTC')
FROM agent_state_pieces
GROUP BY tenant_id, day;

-- Totals per day, agent, state and reason. Each fill of a day has its own fill_id;
-- readers take only the fill named by the day's latest `done` row, which is written
-- after the fill's rows, so a fill in progress or one that failed half-way is never
-- read. Superseded fills stay as unread rows (a past day is refilled only when late
-- data reaches it).
CREATE TABLE IF NOT EXISTS agent_state_daily
(
    tenant_id   LowCardinality(String),
    day         Date,
    agent_id    LowCardinality(String),
    state       LowCardinality(String),
    reason_code LowCardinality(String),
    ms          UInt64,
    fill_id     UUID
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, day, agent_id, state, reason_code);

-- computed_at is the server time the fill started reading; the day's totals are
-- current while no piece arrived after it (with a margin for inserts in flight).
CREATE TABLE IF NOT EXISTS agent_state_daily_done
(
    tenant_id   LowCardinality(String),
    day         Date,
    computed_at DateTime64(3, 'UTC'),
    fill_id     UUID
)
ENGINE = ReplacingMergeTree(computed_at)
ORDER BY (tenant_id, day);
