-- Deduplication windows on the tables the entry table's recording and transcript views
-- write (0019, 0021, 0023, and the search copy of 0024), as every other table an ingest insert reaches already has
-- (0001, 0010, 0011, 0019). The Kafka worker sends a block read again after a crash
-- whole, with the token it had the first time, so that each table the crash left
-- without its part of the block receives it (docs/architecture.md, "Exactly once, as
-- the user sees it"); a table without a window would instead store its part again.
-- These are ReplacingMergeTrees, so such a repeat merged away in time, but every read
-- until then saw it twice. Changing a setting keeps the rows and can run again.
ALTER TABLE recordings_by_call MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE transcript_segments MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE transcript_redactions MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE transcript_search MODIFY SETTING non_replicated_deduplication_window = 10000;
