import { z } from "zod";
import { INTERVALS } from "@/lib/time/buckets";
import { SL_VARIANTS } from "@/lib/kpi/definitions";
import { CONTACT_FILTERS } from "@/lib/kpi/contact-filters";
import { CONTACT_SORTS } from "@/lib/contacts/contact-sorts";
import { canonicalTimeZone } from "@/lib/time/valid-time-zone";
import { MAX_CUSTOM_DAYS } from "@/lib/time/periods";

/**
 * The query-string contracts of the endpoints: each declaration (lib/api/endpoints)
 * names its schema, and the browser's request type is the schema's own, so the two
 * sides cannot drift. Every issue names its parameter, for a 400 that says what to fix.
 */

const DAY_MS = 86_400_000;
/**
 * The longest range: the period picker's longest custom span, plus the hour a
 * daylight-saving change can add to local days (the picker allows that hour too).
 */
const MAX_RANGE_MS = MAX_CUSTOM_DAYS * DAY_MS + 3_600_000;
/** Up to year 2200: enough for any real period, and keeps the numbers exact. */
const MAX_EPOCH_MS = 7_258_118_400_000;

export const epochMsParam = z
  .string({ error: "required (epoch milliseconds)" })
  .regex(/^\d{1,16}$/, "must be epoch milliseconds (digits only)")
  .transform(Number)
  .pipe(z.number().int().max(MAX_EPOCH_MS, "is too far in the future"));

const idList = (what: string) =>
  z
    .array(z.string().trim().min(1, "must not be empty").max(128, "is too long"))
    .max(200, `too many ${what}`)
    // The URL always yields a list (searchParamsObject); the default lets a browser request leave one out.
    .default([]);
const queueParam = idList("queues");
const teamParam = idList("teams");
export const agentParam = idList("agents");
const variantParam = z.enum(SL_VARIANTS, { error: `must be one of ${SL_VARIANTS.join(", ")}` }).optional();

export const tzParam = z.string({ error: "required (an IANA time zone such as Europe/London)" }).transform((tz, ctx) => {
  const canonical = canonicalTimeZone(tz);
  if (canonical === null) {
    ctx.addIssue({ code: "custom", message: `unknown time zone "${tz}" (expected an IANA name such as Europe/London)` });
    return z.NEVER;
  }
  return canonical;
});

export const periodParams = { from: epochMsParam, to: epochMsParam, queue: queueParam, team: teamParam };

export function checkRange(v: { from: number; to: number }, ctx: z.RefinementCtx): void {
  if (v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  else if (v.to - v.from > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["to"], message: `the range may span at most ${MAX_CUSTOM_DAYS} days` });
}

export const summaryParamsSchema = z.object({ ...periodParams, variant: variantParam }).superRefine(checkRange);

export const seriesParamsSchema = z
  .object({
    ...periodParams,
    interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }),
    tz: tzParam,
    variant: variantParam,
  })
  .superRefine(checkRange);

export const heatmapParamsSchema = z.object({ ...periodParams, tz: tzParam, variant: variantParam }).superRefine(checkRange);

/** Per-queue table: each queue uses its own service-level variant, so there is no variant parameter. */
export const queuesParamsSchema = z.object(periodParams).superRefine(checkRange);

export const agentsParamsSchema = z.object({ ...periodParams, agent: agentParam }).superRefine(checkRange);

// `agent` is a list elsewhere (searchParamsObject makes it one); here exactly one is needed.
const agentIdParam = z.preprocess(
  (v) => (Array.isArray(v) ? (v.length === 1 ? v[0] : v.length === 0 ? undefined : v) : v),
  z.string({ error: "required: exactly one agent id" }).trim().min(1, "must not be empty").max(128, "is too long"),
);

const timelineShape = { agent: agentIdParam, from: epochMsParam, to: epochMsParam };

function checkTimeline(v: { from: number; to: number }, ctx: z.RefinementCtx): void {
  if (v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  else if (v.to - v.from > 8 * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "the timeline may span at most 8 days" });
}

export const timelineParamsSchema = z.object(timelineShape).superRefine(checkTimeline);

export const intParam = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number (${what})`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A heatmap cell's slot on the contacts list: weekday (1 = Monday) and hour, on the wall clock of `tz`; all three or none. */
const slotParams = {
  wd: intParam("weekday, 1 = Monday", 1, 7).optional(),
  hour: intParam("hour of day", 0, 23).optional(),
};

function checkSlot(p: { wd?: number; hour?: number; tz?: string }, ctx: z.RefinementCtx): void {
  const slotAsked = p.wd !== undefined || p.hour !== undefined;
  if (slotAsked && requestSlot(p) === undefined)
    ctx.addIssue({ code: "custom", path: ["wd"], message: "wd, hour and tz go together (a weekday and hour on that zone's clock)" });
}

/** The slot for the contacts list, when the request names one. */
export function requestSlot(p: { wd?: number; hour?: number; tz?: string }): { weekday: number; hour: number; tz: string } | undefined {
  return p.wd !== undefined && p.hour !== undefined && p.tz !== undefined ? { weekday: p.wd, hour: p.hour, tz: p.tz } : undefined;
}

export const contactsParamsSchema = z
  .object({
    ...periodParams,
    ...slotParams,
    tz: tzParam.optional(),
    agent: agentParam,
    filter: z.enum(CONTACT_FILTERS, { error: `must be one of ${CONTACT_FILTERS.join(", ")}` }).default("all"),
    sort: z.enum(CONTACT_SORTS, { error: `must be one of ${CONTACT_SORTS.join(", ")}` }).default("queued_at"),
    dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
    limit: intParam("rows per page", 1, 500).default(50),
    offset: intParam("rows to skip", 0, 1_000_000).default(0),
  })
  .superRefine(checkRange)
  .superRefine(checkSlot);

const sortParams = {
  sort: z.string().max(64, "is too long").optional(),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
};

/**
 * GET /api/export/{table}: the same parameters as the table's own endpoint, plus
 * the page's sort order and, where times are shown, the viewer's time zone.
 */
export const exportParamsSchema = z.discriminatedUnion(
  "table",
  [
    z.object({ table: z.literal("queues"), ...periodParams, ...sortParams }).superRefine(checkRange),
    z.object({ table: z.literal("agents"), ...periodParams, agent: agentParam, ...sortParams }).superRefine(checkRange),
    z.object({ table: z.literal("teams"), ...periodParams, ...sortParams }).superRefine(checkRange),
    z
      .object({
        table: z.literal("contacts"),
        ...periodParams,
        ...slotParams,
        agent: agentParam,
        tz: tzParam,
        filter: z.enum(CONTACT_FILTERS, { error: `must be one of ${CONTACT_FILTERS.join(", ")}` }).default("all"),
        sort: z.enum(CONTACT_SORTS, { error: `must be one of ${CONTACT_SORTS.join(", ")}` }).default("queued_at"),
        dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
      })
      .superRefine(checkRange)
      .superRefine(checkSlot),
    z
      .object({
        table: z.literal("trends"),
        ...periodParams,
        interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }),
        tz: tzParam,
        variant: variantParam,
      })
      .superRefine(checkRange),
    z
      .object({
        table: z.literal("heatmap"),
        ...periodParams,
        tz: tzParam,
        variant: variantParam,
        metric: z.enum(["volume", "sl"], { error: "must be volume or sl" }).default("volume"),
      })
      .superRefine(checkRange),
    z.object({ table: z.literal("timeline"), ...timelineShape, tz: tzParam }).superRefine(checkTimeline),
  ],
  { error: "must be one of queues, agents, teams, contacts, trends, heatmap, timeline" },
);
export type ExportParams = z.output<typeof exportParamsSchema>;

/** Query keys whose value is a list (the key repeats). */
const LIST_KEYS = new Set(["queue", "team", "agent", "action"]);

/** URLSearchParams as the plain object the schemas read: `queue`, `team`, `agent` and `action` (the audit log's) repeat, the rest are single. */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    out[key] = LIST_KEYS.has(key) ? params.getAll(key) : (params.get(key) ?? "");
  }
  for (const key of LIST_KEYS) if (!(key in out)) out[key] = [];
  return out;
}

export { toSearchParams } from "./search-params";
