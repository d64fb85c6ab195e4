import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { NO_NAMES, lookupNames, type DirectoryNames } from "@/lib/directory/names";
import { CONTACT_FILTERS, type ContactFilter } from "@/lib/kpi/contact-filters";
import { CONTACT_SORTS, type ContactSort } from "@/lib/contacts/contact-sorts";
import { entityId, fromBeforeTo, periodShape } from "@/lib/kpi/inputs";
import { lookupCallers } from "@/lib/contacts/callers";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import { SEGMENTS_SQL, segmentParams } from "@/lib/kpi/queries/segments-sql";
import { isTimeZone } from "@/lib/time/zone-offset";
import { NAME_SORT_SQL, isNameSort, nameSortParams } from "./name-sort";

/**
 * The contact segments behind a number: what "explain" links open. Filter names
 * are shared with the KPI definitions (definitions.ts `contacts`); each maps to
 * a fixed SQL condition over the flags of SEGMENTS_SQL, so the list always uses
 * the same rules as the counts.
 */

const FILTER_SQL: Record<ContactFilter, string> = {
  all: "1",
  with_outcome: "NOT is_open",
  in_progress: "is_in_progress",
  lost: "is_lost",
  answered: "is_answered",
  abandon: "is_abandoned",
  short_abandon: "is_short",
  long_abandon: "is_abandoned AND NOT is_short",
  not_short_abandon: "NOT is_open AND NOT is_short",
  timeout: "is_timeout",
  other_exit: "is_other",
  answered_within_sl: "is_answered AND is_within",
  answered_over_sl: "is_answered AND NOT is_within",
  abandoned_within_sl: "is_abandoned AND is_within",
  within_sl: "(is_answered OR is_abandoned) AND is_within",
  answered_or_abandoned: "is_answered OR is_abandoned",
  answered_or_long_abandon: "is_answered OR (is_abandoned AND NOT is_short)",
  handled: "is_handled",
  held: "is_held",
  transferred: "is_transferred",
};

export { CONTACT_SORTS, type ContactSort };

// Sort keys map to fixed expressions: identifiers cannot be query parameters.
const SORT_SQL: Record<ContactSort, string> = {
  queued_at: "queuedAt",
  wait_ms: "waitMs",
  talk_ms: "talkMs",
  hold_ms: "holdMs",
  acw_ms: "acwMs",
  handle_ms: "handleMs",
  queue_id: NAME_SORT_SQL.queue_id,
  agent_id: NAME_SORT_SQL.agent_id,
  outcome: "outcome",
};

const DIRECTION_SQL = { asc: "ASC", desc: "DESC" } as const;

/** The type of each sort key, for an export's keyset cursor ({afterValue:...}). */
export const SORT_TYPE: Record<ContactSort, "Int64" | "String"> = {
  queued_at: "Int64",
  wait_ms: "Int64",
  talk_ms: "Int64",
  hold_ms: "Int64",
  acw_ms: "Int64",
  handle_ms: "Int64",
  queue_id: "String",
  agent_id: "String",
  outcome: "String",
};

/** Rows after the cursor in the list's order (sort key, then leg id ascending): an export's next page. */
function afterCursorSql(sort: ContactSort, direction: "asc" | "desc"): string {
  const key = SORT_SQL[sort];
  const value = `{afterValue:${SORT_TYPE[sort]}}`;
  const beyond = direction === "asc" ? ">" : "<";
  return `(${key} ${beyond} ${value} OR (${key} = ${value} AND legId > {afterLeg:String}))`;
}

/**
 * One hour of one weekday on a zone's wall clock (a heatmap cell): only contacts
 * that entered the queue then, on every such day of the period.
 */
export const slotSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  tz: z.string().min(1).max(64).refine(isTimeZone, "unknown time zone"),
});
export type ContactSlot = z.output<typeof slotSchema>;

/** The slot's condition; always in the query (off with {hasSlot} = 0), so the SQL text stays one per list. */
const SLOT_SQL = `(NOT {hasSlot:UInt8} OR (toDayOfWeek(toTimeZone(queued_at, {slotTz:String})) = {slotWeekday:UInt8}
    AND toHour(toTimeZone(queued_at, {slotTz:String})) = {slotHour:UInt8}))`;

export function slotParams(slot: ContactSlot | undefined): Record<string, unknown> {
  return slot ? { hasSlot: 1, slotTz: slot.tz, slotWeekday: slot.weekday, slotHour: slot.hour } : { hasSlot: 0, slotTz: "UTC", slotWeekday: 1, slotHour: 0 };
}

const contactsShape = {
  ...periodShape,
  slot: slotSchema.optional(),
  agentIds: z.array(entityId).max(1000).default([]),
  filter: z.enum(CONTACT_FILTERS).default("all"),
  sort: z.enum(CONTACT_SORTS).default("queued_at"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
};

export const contactsInputSchema = z.object(contactsShape).refine(...fromBeforeTo);
export type ContactsInput = z.input<typeof contactsInputSchema>;

/** The whole list, in the page's order (an export): the page's input without its position. */
export const contactListInputSchema = z
  .object(contactsShape)
  .omit({ limit: true, offset: true })
  .refine(...fromBeforeTo);
export type ContactListInput = z.input<typeof contactListInputSchema>;

/**
 * The list's query. `paging` "offset" gives a page by position (the contacts page);
 * "keyset" the rows after a cursor ({afterValue}, {afterLeg}), or from the start
 * with "first": an export reads the list in short pages that each start where the
 * last ended, so no page re-sorts what earlier pages sent.
 */
export function contactsSql(filter: ContactFilter, sort: ContactSort, direction: "asc" | "desc", paging: "offset" | "first" | "keyset" = "offset"): string {
  return `
SELECT
  seg.leg_id AS legId,
  seg.call_id AS callId,
  seg.queue_id AS queueId,
  seg.agent_id AS agentId,
  toUnixTimestamp64Milli(seg.queued_at) AS queuedAt,
  toUnixTimestamp64Milli(seg.exited_at) AS exitedAt,
  toUnixTimestamp64Milli(seg.answered_at) AS answeredAt,
  toUnixTimestamp64Milli(seg.cleared_at) AS clearedAt,
  multiIf(seg.is_lost, 'lost', seg.is_in_progress, 'in_progress', seg.outcome) AS outcome,
  seg.wait_ms AS waitMs,
  if(seg.is_handled, seg.pure_talk_ms, 0) AS talkMs,
  if(seg.is_handled, seg.hold_ms, 0) AS holdMs,
  seg.hold_count AS holdCount,
  if(seg.is_handled, seg.acw_ms, 0) AS acwMs,
  talkMs + holdMs + acwMs AS handleMs,
  seg.is_transferred AS transferred,
  seg.is_handled AS handled,
  seg.is_within AS withinSl,
  seg.is_short AS shortAbandon,
  seg.sl_threshold_s AS slThresholdS,
  seg.short_abandon_s AS shortAbandonS,
  seg.short_abandon_rule AS shortAbandonRule,
  seg.max_wait_s AS maxWaitS
FROM (${SEGMENTS_SQL}) AS seg
WHERE ${FILTER_SQL[filter]} AND ${SLOT_SQL}${paging === "keyset" ? `\n  AND ${afterCursorSql(sort, direction)}` : ""}
ORDER BY ${SORT_SQL[sort]} ${DIRECTION_SQL[direction]}, legId ASC
LIMIT {limit:UInt32}${paging === "offset" ? " OFFSET {offset:UInt32}" : ""}`;
}

export function contactCountSql(filter: ContactFilter): string {
  return `SELECT count() AS total FROM (${SEGMENTS_SQL}) WHERE ${FILTER_SQL[filter]} AND ${SLOT_SQL}`;
}

export const contactRowSchema = z.object({
  legId: z.string(),
  callId: z.string(),
  queueId: z.string(),
  agentId: z.string(),
  queuedAt: sqlNumber,
  exitedAt: sqlNumber,
  answeredAt: sqlNumber,
  clearedAt: sqlNumber,
  outcome: z.string(),
  waitMs: sqlNumber,
  talkMs: sqlNumber,
  holdMs: sqlNumber,
  holdCount: sqlNumber,
  acwMs: sqlNumber,
  handleMs: sqlNumber,
  transferred: sqlFlag,
  handled: sqlFlag,
  withinSl: sqlFlag,
  shortAbandon: sqlFlag,
  slThresholdS: sqlNumber,
  shortAbandonS: sqlNumber,
  shortAbandonRule: z.string(),
  maxWaitS: sqlNumber,
});
export type ContactRow = z.output<typeof contactRowSchema>;

export type ContactItem = {
  legId: string;
  callId: string;
  queueId: string;
  /** The queue's name; its id when it has none. */
  queueName: string;
  /** Empty when not answered. */
  agentId: string;
  /** The agent's name; the id when the directory has none; empty when not answered. */
  agentName: string;
  /** Empty when the call's offer event is not stored. */
  caller: string;
  queuedAt: number;
  exitedAt: number;
  answeredAt: number | null;
  clearedAt: number | null;
  /**
   * Queue exit reason: answered, abandon, timeout, empty, key, transfer; or, with no exit
   * stored, in_progress (within the queue's longest wait, maxWaitS) or lost (after it).
   */
  outcome: string;
  waitMs: number;
  /** Handle-time parts (talk excludes hold); 0 unless handled. */
  talkMs: number;
  holdMs: number;
  holdCount: number;
  acwMs: number;
  handleMs: number;
  handled: boolean;
  transferred: boolean;
  /** Wait within the queue's service-level threshold (whatever the outcome). */
  withinSl: boolean;
  shortAbandon: boolean;
  slThresholdS: number;
  shortAbandonS: number;
  /** "below" or "at_or_below": whether a wait of exactly shortAbandonS is short. */
  shortAbandonRule: string;
  /** The queue's longest possible wait, after which a contact with no exit is lost. */
  maxWaitS: number;
};

export type ContactPage = { total: number; limit: number; offset: number; items: ContactItem[] };

/** Unset DateTime64 columns come back as epoch 0: shown as "not happened". */
function instant(ms: number): number | null {
  return ms > 0 ? ms : null;
}

/** Rows of one page to items; `callers` maps call id to caller number (missing: ""); `names` gives agents' and queues' names. */
export function prepareContacts(
  rows: readonly ContactRow[],
  page: { limit: number; offset: number; total: number },
  callers: ReadonlyMap<string, string>,
  names: DirectoryNames = NO_NAMES,
): ContactPage {
  return {
    total: page.total,
    limit: page.limit,
    offset: page.offset,
    items: rows.map(({ answeredAt, clearedAt, ...r }) => ({
      ...r,
      caller: callers.get(r.callId) ?? "",
      queueName: names.queues.get(r.queueId) ?? r.queueId,
      agentName: r.agentId === "" ? "" : (names.agents.get(r.agentId) ?? r.agentId),
      answeredAt: instant(answeredAt),
      clearedAt: instant(clearedAt),
    })),
  };
}

/**
 * The page and the total are two queries run together: a window count over the
 * whole period made every page as slow as sorting the whole period. Over live data
 * the two may differ by a contact that finished between them; the next refresh
 * shows both anew.
 */
export async function listContacts(ch: ClickHouseClient, input: ContactsInput): Promise<ContactPage> {
  const p = contactsInputSchema.parse(input);
  // Sorted by a name, the names come first (the query orders by them); otherwise they are read beside the page.
  const namesFirst = isNameSort(p.sort) ? await lookupNames(ch, p.tenantId) : undefined;
  const params = { ...segmentParams(p), ...slotParams(p.slot), limit: p.limit, offset: p.offset, ...(namesFirst ? nameSortParams(namesFirst) : {}) };
  const [rows, count] = await Promise.all([
    queryRows(ch, contactsSql(p.filter, p.sort, p.direction), params, contactRowSchema),
    queryRows(ch, contactCountSql(p.filter), params, z.object({ total: sqlNumber })),
  ]);
  const [callers, names] = await Promise.all([
    lookupCallers(
      ch,
      p.tenantId,
      rows.map((r) => r.callId),
    ),
    namesFirst ?? lookupNames(ch, p.tenantId),
  ]);
  return prepareContacts(rows, { limit: p.limit, offset: p.offset, total: count[0]?.total ?? 0 }, callers, names);
}
