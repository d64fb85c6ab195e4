import { z } from "zod";
import { tzParam } from "./params";

/** Replay reaches back as far as any stored history is likely to (the simulator fills at most 400 days). */
export const MAX_REPLAY_AGE_MS = 400 * 86_400_000;

/** `at` as epoch milliseconds or an ISO 8601 instant with its offset, e.g. 2026-01-05T10:30:00Z. */
const instant = z
  .string({ error: "required: at=<epoch ms or ISO 8601 time>" })
  .trim()
  .min(1, "give at=<epoch ms or ISO 8601 time>")
  .transform((s, ctx) => {
    const t = /^\d+$/.test(s) ? Number(s) : /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? Date.parse(s) : Number.NaN;
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: "custom", message: "expected epoch milliseconds or an ISO 8601 time with an offset (e.g. 2026-01-05T10:30:00Z)" });
      return z.NEVER;
    }
    return t;
  });

/** Optional: the zone whose local day "today" means; by default the live floor's own. */
const tz = tzParam.optional();

/** `now` is a clock for a schema that lives long (an endpoint's), a fixed instant for one parse. */
export const replayParamsSchema = (now: number | (() => number)) => {
  const at = typeof now === "number" ? () => now : now;
  return z.object({
    at: instant.refine((t) => t <= at(), "must not be in the future").refine((t) => t >= at() - MAX_REPLAY_AGE_MS, "must be within the last 400 days"),
    tz,
  });
};
