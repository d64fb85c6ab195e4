-- The wallboard coloured a queue's service level by its own pair of bounds (amber below
-- 80 %, red below 70 %) while the same card's target badge judged it against the queue's
-- target (migration 0030): two rules that could disagree on one screen. The target is now
-- the one rule (lib/targets/rag.ts), so the wallboard's own service-level bounds go.
ALTER TABLE wallboard_thresholds DROP COLUMN IF EXISTS sl_warning_pct;
ALTER TABLE wallboard_thresholds DROP COLUMN IF EXISTS sl_critical_pct;
