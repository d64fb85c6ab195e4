import type { IngestPipeline } from "./pipeline";

/** Why the pipeline refused one event (its dead letter's reason and detail). */
export type Refusal = { reason: string; detail: string };

/**
 * Events handed in by a producer of the product's own (an upload's recording events, the
 * speech queue's segments) that the pipeline refused: they are in dead_letters, and the
 * producer must not carry on as if they were stored. `final`: sending the same events again
 * is refused again, so whoever retries (the speech queue) fails at once instead.
 */
export class RefusedEvents extends Error {
  override readonly name = "RefusedEvents";
  readonly final = true;
  constructor(
    source: string,
    readonly refused: readonly Refusal[],
    total: number,
  ) {
    const reasons = [...new Set(refused.map((r) => (r.detail ? `${r.reason}: ${r.detail}` : r.reason)))].slice(0, 3).join("; ");
    super(`${source}: the ingest pipeline refused ${refused.length} of ${total} event(s) (${reasons}); see dead_letters`);
  }
}

/**
 * Events of the product's own making straight into the pipeline, resolved once stored; one it
 * refuses is a RefusedEvents error, never a silent loss. The one way the recordings side and
 * the speech queue hand events in (server/recordings.ts, server/runtime.ts, import:recordings).
 */
export function ingestOrThrow(pipeline: IngestPipeline, source: string): (events: readonly object[]) => Promise<void> {
  return async (events) => {
    const r = await pipeline.ingest(events.map((object) => ({ payload: { object }, origin: { source } })));
    if (r.refused.length > 0) throw new RefusedEvents(source, r.refused, events.length);
  };
}
