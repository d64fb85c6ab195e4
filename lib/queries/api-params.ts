import { z } from "zod";
import { INTERVALS } from "@/lib/kpi/time-buckets";
import { SL_VARIANTS } from "@/lib/kpi/definitions";
import { canonicalTimeZone } from "@/lib/time/valid-time-zone";

/**
 * The query-string contract of the KPI endpoints, shared by the route handlers
 * (which parse it) and the browser fetchers (which build it), so the two cannot
 * drift. Every issue names its parameter, for a 400 that says what to fix.
 */

const MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;
/** Up to year 2200: enough for any real period, and keeps the numbers exact. */
const MAX_EPOCH_MS = 7_258_118_400_000;

const epochMsParam = z
  .string({ error: "required (epoch milliseconds)" })
  .regex(/^\d{1,16}$/, "must be epoch milliseconds (digits only)")
  .transform(Number)
  .pipe(z.number().int().max(MAX_EPOCH_MS, "is too far in the future"));

const queueParam = z.array(z.string().trim().min(1, "must not be empty").max(128, "is too long")).max(200, "too many queues");

const tzParam = z
  .string({ error: "required (an IANA time zone such as Europe/London)" })
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: `unknown time zone "${tz}" (expected an IANA name such as Europe/London)` });
      return z.NEVER;
    }
    return canonical;
  });

const periodParams = { from: epochMsParam, to: epochMsParam, queue: queueParam };

function checkRange(v: { from: number; to: number }, ctx: z.RefinementCtx): void {
  if (v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  else if (v.to - v.from > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: `the range may span at most ${MAX_RANGE_DAYS} days` });
}

export const summaryParamsSchema = z
  .object({ ...periodParams, variant: z.enum(SL_VARIANTS, { error: `must be one of ${SL_VARIANTS.join(", ")}` }).optional() })
  .superRefine(checkRange);
export type SummaryParams = z.output<typeof summaryParamsSchema>;

export const seriesParamsSchema = z
  .object({
    ...periodParams,
    interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }),
    tz: tzParam,
  })
  .superRefine(checkRange);
export type SeriesParams = z.output<typeof seriesParamsSchema>;

/** URLSearchParams as the plain object the schemas read: `queue` repeats, the rest are single. */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    out[key] = key === "queue" ? params.getAll(key) : (params.get(key) ?? "");
  }
  if (!("queue" in out)) out.queue = [];
  return out;
}

/** The query string for a request, the inverse of searchParamsObject. */
export function toSearchParams(values: Record<string, string | number | readonly string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value === "string" || typeof value === "number") params.set(key, String(value));
    else for (const v of value) params.append(key, v);
  }
  return params;
}
