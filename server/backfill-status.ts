import type { BackfillReporter } from "@/ingest/platform";
import type { RuntimeStatus } from "@/lib/runtime/status";

const DAY_MS = 86_400_000;

export type BackfillStatusReporter = BackfillReporter & { failed(error: unknown): void };

/**
 * The runtime's side of a platform's catch-up: keeps status.backfill current (the
 * UI's backfill banner polls it through /api/health) and logs every tenth of the way,
 * so whoever started the server sees it is working.
 */
export function backfillStatus(status: RuntimeStatus, log: (line: string) => void, clock: () => number = Date.now): BackfillStatusReporter {
  let fromTime = 0;
  let startedAt = 0;
  // Fixed at the start, so the percentages logged only ever grow while "now" moves on.
  let span = 1;
  let lastLogged = 0;
  return {
    started(from, to) {
      fromTime = from;
      startedAt = clock();
      span = Math.max(1, to - from);
      lastLogged = 0;
      status.backfill = { state: "running", fromTime: from, toTime: to, simulatedUntil: from, events: 0, startedAt };
      log(`filling ${(span / DAY_MS).toFixed(1)} days of history from ${new Date(from).toISOString()}`);
    },
    advanced(reached, to, events) {
      status.backfill = { state: "running", fromTime, toTime: to, simulatedUntil: reached, events, startedAt };
      const pct = Math.floor((100 * (reached - fromTime)) / span);
      if (pct >= lastLogged + 10) {
        lastLogged = pct - (pct % 10);
        const seconds = (clock() - startedAt) / 1000;
        log(`history ${Math.min(pct, 100)}% (${events.toLocaleString("en")} events, ${Math.round(events / Math.max(seconds, 0.001)).toLocaleString("en")}/s)`);
      }
    },
    finished(events) {
      const seconds = (clock() - startedAt) / 1000;
      status.backfill = { state: "done", events, seconds };
      log(`history ready, ${events.toLocaleString("en")} events in ${seconds.toFixed(1)} s; now running live`);
    },
    failed(error) {
      status.backfill = { state: "failed", error: error instanceof Error ? error.message : String(error) };
    },
  };
}
