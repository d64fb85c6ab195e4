import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { lookupCallers } from "@/lib/contacts/callers";
import { NO_NAMES, lookupNames, type DirectoryNames } from "@/lib/directory/names";
import { segmentParams } from "@/lib/kpi/queries/segments-sql";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import {
  contactCountSql,
  contactListInputSchema,
  contactRowSchema,
  contactsSql,
  prepareContacts,
  slotParams,
  type ContactItem,
  type ContactListInput,
  type ContactRow,
  type ContactSort,
} from "./list-contacts";
import { isNameSort, nameSortParams, nameSortValue } from "./name-sort";

/**
 * The whole contact list in the page's order, as short pages: what an export
 * streams. Each page is one query for the rows after the last one sent (keyset on
 * the sort key and the leg id), bounded by the export kind's limits, so other
 * queries (the live floor, ingest) run between pages, and a caller who leaves
 * stops the list before its next page. Sorted by queue-entry time (the table's
 * order key, the default), a page reads only a slice of the period from its
 * cursor on (a primary-key range about a page long), so a page of a year-long
 * export costs what a page of a day does. Other sorts read the whole period for
 * every page (only the top rows are kept, so memory stays small) and cost more
 * per page; the cap bounds the number of pages.
 */

const PAGE_ROWS = 2_000;
/** The first slice of the period a time-ordered page reads; slices adapt to the data's density from there. */
const FIRST_SPAN_MS = 3_600_000;
const MIN_SPAN_MS = 1_000;

type Range = { from: number; to: number };

const SORT_VALUE: Record<Exclude<ContactSort, "queue_id" | "agent_id">, (r: ContactRow) => number | string> = {
  queued_at: (r) => r.queuedAt,
  wait_ms: (r) => r.waitMs,
  talk_ms: (r) => r.talkMs,
  hold_ms: (r) => r.holdMs,
  acw_ms: (r) => r.acwMs,
  handle_ms: (r) => r.handleMs,
  outcome: (r) => r.outcome,
};

type Cursor = { value: number | string; legId: string };
export type ContactPagesOptions = { maxRows: number; pageRows?: number; signal?: AbortSignal };
/** How the list ended: `cut` when rows beyond maxRows exist. */
export type ContactPagesEnd = { rows: number; cut: boolean };

export async function countContacts(ch: ClickHouseClient, input: ContactListInput, signal?: AbortSignal): Promise<number> {
  const p = contactListInputSchema.parse(input);
  const [row] = await queryRows(ch, contactCountSql(p.filter), { ...segmentParams(p), ...slotParams(p.slot) }, z.object({ total: sqlNumber }), { signal });
  return row?.total ?? 0;
}

export async function* contactPages(ch: ClickHouseClient, input: ContactListInput, o: ContactPagesOptions): AsyncGenerator<ContactItem[], ContactPagesEnd> {
  const p = contactListInputSchema.parse(input);
  const pageRows = o.pageRows ?? PAGE_ROWS;
  const asc = p.direction === "asc";
  const byTime = p.sort === "queued_at";
  // Read once per export (the directory does not change under one file): first when the list is sorted by
  // a name, else when the first page has rows.
  let names: DirectoryNames | undefined = isNameSort(p.sort) ? await lookupNames(ch, p.tenantId, { kind: "export", signal: o.signal }) : undefined;
  const sortValue = (r: ContactRow): number | string => (isNameSort(p.sort) ? nameSortValue(p.sort, r, names ?? NO_NAMES) : SORT_VALUE[p.sort](r));
  const page = async (limit: number, after: Cursor | undefined, range: Range): Promise<ContactRow[]> => {
    o.signal?.throwIfAborted();
    const params = {
      ...segmentParams({ ...p, ...range }),
      ...slotParams(p.slot),
      limit,
      ...(names && isNameSort(p.sort) ? nameSortParams(names) : {}),
      ...(after ? { afterValue: after.value, afterLeg: after.legId } : {}),
    };
    return queryRows(ch, contactsSql(p.filter, p.sort, p.direction, after ? "keyset" : "first"), params, contactRowSchema, { kind: "export", signal: o.signal });
  };
  // By time, the unread part of the period starts at `edge` (asc: its start; desc: its end), and a page reads
  // only a slice of it, `span` long: halved after a full page, doubled after a short one.
  let edge = asc ? p.from : p.to;
  let span = FIRST_SPAN_MS;
  const slice = (): Range => (!byTime ? p : asc ? { from: edge, to: Math.min(p.to, edge + span) } : { from: Math.max(p.from, edge - span), to: edge });
  const rest = (): Range => (!byTime ? p : asc ? { from: edge, to: p.to } : { from: p.from, to: edge });
  let after: Cursor | undefined;
  let sent = 0;
  while (sent < o.maxRows) {
    const limit = Math.min(pageRows, o.maxRows - sent);
    const range = slice();
    const rows = await page(limit, after, range);
    const last = rows[rows.length - 1];
    if (last) {
      after = { value: sortValue(last), legId: last.legId };
      if (byTime) edge = asc ? last.queuedAt : last.queuedAt + 1;
      const callers = await lookupCallers(
        ch,
        p.tenantId,
        rows.map((r) => r.callId),
        { kind: "export", signal: o.signal },
      );
      names ??= await lookupNames(ch, p.tenantId, { kind: "export", signal: o.signal });
      yield prepareContacts(rows, { limit, offset: sent, total: 0 }, callers, names).items;
      sent += rows.length;
    }
    if (rows.length === limit) {
      span = Math.max(MIN_SPAN_MS, span / 2);
      continue;
    }
    // The slice is exhausted: done if it reached the period's end, else on to the next, without a cursor.
    if (!byTime || (asc ? range.to >= p.to : range.from <= p.from)) return { rows: sent, cut: false };
    edge = asc ? range.to : range.from;
    after = undefined;
    span *= 2;
  }
  // At the cap: cut only if the list goes on.
  return { rows: sent, cut: (await page(1, after, rest())).length > 0 };
}
