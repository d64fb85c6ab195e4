-- Dead letters keep at most the first 64 KiB of what arrived (ingest/pipeline/dead-letter.ts):
-- a 10 MB line was once stored whole. `payload_size` stays the number of bytes kept and
-- `original_size` says how many arrived, so a cut payload is `original_size > payload_size`.
-- Rows from before were stored whole, hence the default. ADD COLUMN IF NOT EXISTS can run again.
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS original_size UInt64 DEFAULT payload_size AFTER payload_size;
