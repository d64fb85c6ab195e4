-- Whole-day agent state totals, computed from the deduplicated pieces and kept until
-- the day receives new data. A year of a 500-agent centre is ~15M state pieces; the
-- same year is ~1M daily totals. A sum rollup fed straight from the events would be
-- smaller still, but a repeated event that slipped past the pipeline's checks would
-- count twice in it, and state time must stay as exact as the pieces it comes from.

-- Totals per day, agent, state and reason. Each fill of a day has its own fill_id;
-- readers take only the fill named by the day's latest `done` row, which is written
-- after the fill's rows, so a fill in progress or one that failed half-way is never
-- read. Compaction (lib/store/compact.ts) deletes superseded fills once they have
-- been superseded for a while.
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
-- Every fill's row is kept (the latest per day is the one in use) so that compaction
-- can find superseded fills and delete their rows.
CREATE TABLE IF NOT EXISTS agent_state_daily_done
(
    tenant_id   LowCardinality(String),
    day         Date,
    computed_at DateTime64(3, 'UTC'),
    fill_id     UUID
)
ENGINE = MergeTree
ORDER BY (tenant_id, day, computed_at);
