import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { lookupCallers } from "@/lib/contacts/callers";
import { segmentParams } from "@/lib/kpi/queries/segments-sql";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import {
  contactCountSql,
  contactListInputSchema,
  contactRowSchema,
  contactsSql,
  prepareContacts,
  type ContactItem,
  type ContactListInput,
  type ContactRow,
  type ContactSort,
} from "./list-contacts";

/**
 * The whole contact list in the page's order, as short pages: what an export
 * streams. Each page is one query for the rows after the last one sent (keyset on
 * the sort key and the leg id), bounded by the export kind's limits, so other
 * queries (the live floor, ingest) run between pages, and a caller who leaves
 * stops the list before its next page. Sorted by queue-entry time (the table's
 * order key, the default), a page also reads only the part of the period after
 * its cursor; other sorts read the period again for every page, cheaply per page
 * since only the top rows are kept, and the cap bounds the number of pages.
 */

const PAGE_ROWS = 10_000;

const SORT_VALUE: Record<ContactSort, (r: ContactRow) => number | string> = {
  queued_at: (r) => r.queuedAt,
  wait_ms: (r) => r.waitMs,
  talk_ms: (r) => r.talkMs,
  hold_ms: (r) => r.holdMs,
  acw_ms: (r) => r.acwMs,
  handle_ms: (r) => r.handleMs,
  queue_id: (r) => r.queueId,
  agent_id: (r) => r.agentId,
  outcome: (r) => r.outcome,
};

type Cursor = { value: number | string; legId: string };
export type ContactPagesOptions = { maxRows: number; pageRows?: number; signal?: AbortSignal };
/** How the list ended: `cut` when rows beyond maxRows exist. */
export type ContactPagesEnd = { rows: number; cut: boolean };

export async function countContacts(ch: ClickHouseClient, input: ContactListInput, signal?: AbortSignal): Promise<number> {
  const p = contactListInputSchema.parse(input);
  const [row] = await queryRows(ch, contactCountSql(p.filter), segmentParams(p), z.object({ total: sqlNumber }), { signal });
  return row?.total ?? 0;
}

export async function* contactPages(ch: ClickHouseClient, input: ContactListInput, o: ContactPagesOptions): AsyncGenerator<ContactItem[], ContactPagesEnd> {
  const p = contactListInputSchema.parse(input);
  const pageRows = o.pageRows ?? PAGE_ROWS;
  const page = async (limit: number, after: Cursor | undefined): Promise<ContactRow[]> => {
    o.signal?.throwIfAborted();
    const params = { ...segmentParams(narrowed(p, after)), limit, ...(after ? { afterValue: after.value, afterLeg: after.legId } : {}) };
    return queryRows(ch, contactsSql(p.filter, p.sort, p.direction, after ? "keyset" : "first"), params, contactRowSchema, { kind: "export", signal: o.signal });
  };
  let after: Cursor | undefined;
  let sent = 0;
  while (sent < o.maxRows) {
    const limit = Math.min(pageRows, o.maxRows - sent);
    const rows = await page(limit, after);
    const last = rows[rows.length - 1];
    if (last) {
      after = { value: SORT_VALUE[p.sort](last), legId: last.legId };
      const callers = await lookupCallers(
        ch,
        p.tenantId,
        rows.map((r) => r.callId),
        { kind: "export", signal: o.signal },
      );
      yield prepareContacts(rows, { limit, offset: sent, total: 0 }, callers).items;
      sent += rows.length;
    }
    if (rows.length < limit) return { rows: sent, cut: false };
  }
  // At the cap: cut only if the list goes on.
  return { rows: sent, cut: (await page(1, after)).length > 0 };
}

/** Sorted by queue-entry time, the rest of the list lies on one side of the cursor: read only that part of the period. */
function narrowed<P extends { sort: ContactSort; direction: "asc" | "desc"; from: number; to: number }>(p: P, after: Cursor | undefined): P {
  if (!after || p.sort !== "queued_at" || typeof after.value !== "number") return p;
  return p.direction === "asc" ? { ...p, from: Math.max(p.from, after.value) } : { ...p, to: Math.min(p.to, after.value + 1) };
}
