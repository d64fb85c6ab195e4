-- The tables 0011 replaced, dropped only now that 0011 has completed: had they gone
-- in 0011 itself, a failure after the drop would have left a migration that could
-- never run again (its backfill reads them).
DROP VIEW IF EXISTS mv_contacts_queue_exit;
DROP VIEW IF EXISTS mv_contacts_established;
DROP VIEW IF EXISTS mv_contacts_cleared;
DROP VIEW IF EXISTS mv_contacts_acw;
DROP TABLE IF EXISTS contacts;
DROP VIEW IF EXISTS mv_agent_state_intervals;
DROP TABLE IF EXISTS agent_state_intervals;
