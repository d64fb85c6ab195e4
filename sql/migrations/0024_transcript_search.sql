-- Transcript search reads a copy of the segments sorted by time. `transcript_segments`
-- (0019) is sorted by call, which the call page and QA checks need, so a search over the
-- last day or month read every granule of the month's partitions: 0.9-1.7 s p95 over a
-- million calls. Sorted by (tenant, at), a period is a range of the key, and "newest
-- first, one page" reads backwards from the period's end and stops once the page is full.
--
-- `norm_text` is the text as search compares it (lib/transcripts/search-query.ts): lower
-- case, every run of characters that are neither letters nor digits one space, with a
-- space at each end. A phrase is then one substring check (' card number '), and the
-- token index sees exactly the query's words: on the raw text, tokenbf_v1 split only on
-- ASCII separators, so "card’s" or "card—number" hid the word "card" from it.
--
-- Re-runnable: the backfill may insert rows twice if the migration is interrupted and run
-- again; the table replaces repeats on merge and search drops any it reads before then.
CREATE TABLE IF NOT EXISTS transcript_search
(
    tenant_id     LowCardinality(String),
    at            DateTime64(3, 'UTC'),
    call_id       String,
    recording_id  String,
    segment_index UInt32,
    queue_id      LowCardinality(String),
    agent_id      LowCardinality(String),
    speaker       LowCardinality(String),
    start_ms      UInt32,
    end_ms        UInt32,
    text          String,
    norm_text     String,
    words         Array(String),
    word_starts   Array(UInt32),
    word_ends     Array(UInt32),
    INDEX norm_tokens norm_text TYPE tokenbf_v1(8192, 3, 0) GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, at, call_id, recording_id, segment_index);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_transcript_search TO transcript_search AS
SELECT tenantId AS tenant_id, fromUnixTimestamp64Milli(time, 'UTC') AS at, callId AS call_id,
    JSONExtractString(data, 'recordingId') AS recording_id,
    toUInt32(JSONExtractUInt(data, 'segmentIndex')) AS segment_index,
    queueId AS queue_id, agentId AS agent_id,
    JSONExtractString(data, 'speaker') AS speaker,
    toUInt32(JSONExtractUInt(data, 'startMs')) AS start_ms,
    toUInt32(JSONExtractUInt(data, 'endMs')) AS end_ms,
    JSONExtractString(data, 'text') AS text,
    concat(' ', trimBoth(replaceRegexpAll(lowerUTF8(JSONExtractString(data, 'text')), '[^\\p{L}\\p{N}]+', ' ')), ' ') AS norm_text,
    arrayMap(w -> JSONExtractString(w, 't'), JSONExtractArrayRaw(data, 'words')) AS words,
    arrayMap(w -> toUInt32(JSONExtractUInt(w, 's')), JSONExtractArrayRaw(data, 'words')) AS word_starts,
    arrayMap(w -> toUInt32(JSONExtractUInt(w, 'e')), JSONExtractArrayRaw(data, 'words')) AS word_ends
FROM cti_events_in WHERE type = 'transcript.segment';

INSERT INTO transcript_search
SELECT tenant_id, at, call_id, recording_id, segment_index, queue_id, agent_id, speaker, start_ms, end_ms, text,
    concat(' ', trimBoth(replaceRegexpAll(lowerUTF8(text), '[^\\p{L}\\p{N}]+', ' ')), ' ') AS norm_text,
    words, word_starts, word_ends
FROM transcript_segments FINAL;
