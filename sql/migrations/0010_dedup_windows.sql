-- Deduplication of retried inserts (same insert_deduplication_token) needs a window on
-- every table that receives the block: the dead letters written directly, and each
-- materialized view's target, so that a retried raw batch cannot reach the derived
-- tables twice (deduplicate_blocks_in_dependent_materialized_views = 1 is set by the client).
ALTER TABLE dead_letters MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE contacts MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE calls MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE agent_state_intervals MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE queue_rollup_15m MODIFY SETTING non_replicated_deduplication_window = 10000;
ALTER TABLE agent_rollup_15m MODIFY SETTING non_replicated_deduplication_window = 10000;
