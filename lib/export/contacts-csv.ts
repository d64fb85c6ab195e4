import type { ClickHouseClient } from "@clickhouse/client";
import { contactPages, countContacts } from "@/lib/contacts/contact-pages";
import type { ContactListInput } from "@/lib/contacts/list-contacts";
import { toCsv } from "@/lib/csv/csv";
import { QueryLimitExceeded } from "@/lib/store/query-limit-error";
import { CONTACT_COLUMNS } from "@/lib/tables/contact-table";
import { tableText } from "@/lib/tables/table";

/**
 * The contacts CSV, streamed: written page by page as the store answers (see
 * contact-pages.ts), pulled only as fast as the client reads, and stopped when the
 * client goes away. A file cut at `maxRows` says so twice: in the headers, from a
 * count made before the first page (`x-export-total`, `x-export-cut`), and in its
 * last line, from what the pages found (the count may be a moment old). A failure
 * after the first bytes cannot change the status any more, so it too ends the
 * file with a line that says what happened.
 */

export const CUT_HEADER = "x-export-cut";
export const TOTAL_HEADER = "x-export-total";

export type ContactsCsvOptions = { tz: string; maxRows: number; pageRows?: number; signal: AbortSignal };

/** The file's last line when it was cut: one field, starting with "#" so no reader takes it for a contact. */
export function cutLine(maxRows: number): string {
  return `# cut at ${maxRows} contacts (the export limit): narrow the period or the filters to export the rest`;
}

export async function contactsCsv(ch: ClickHouseClient, input: ContactListInput, o: ContactsCsvOptions): Promise<{ total: number; body: ReadableStream<Uint8Array> }> {
  const total = await countContacts(ch, input, o.signal);
  const stop = new AbortController();
  const signal = AbortSignal.any([o.signal, stop.signal]);
  const pages = contactPages(ch, input, { maxRows: o.maxRows, pageRows: o.pageRows, signal });
  const encoder = new TextEncoder();
  let header = true;
  const csv = (rows: string[][]) => encoder.encode(toCsv(rows));

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await pages.next();
          if (!next.done) {
            const rows = tableText(CONTACT_COLUMNS, next.value, { tz: o.tz }, "csv");
            controller.enqueue(csv(header ? rows : rows.slice(1)));
            header = false;
            return;
          }
          if (header) controller.enqueue(csv(tableText(CONTACT_COLUMNS, [], { tz: o.tz }, "csv")));
          if (next.value.cut) controller.enqueue(csv([[cutLine(o.maxRows)]]));
          controller.close();
        } catch (e) {
          if (signal.aborted) return controller.error(e);
          const why = e instanceof QueryLimitExceeded ? e.message : "the store failed; see the server log";
          if (!(e instanceof QueryLimitExceeded)) console.error("contacts export failed", e);
          controller.enqueue(csv([[`# export stopped early: ${why}`]]));
          controller.close();
        }
      },
      async cancel() {
        stop.abort(new Error("the client went away"));
        await pages.return({ rows: 0, cut: false }).catch(() => undefined);
      },
    },
    // Nothing is read ahead of the client: a page is asked for when the last one has been taken.
    { highWaterMark: 0 },
  );
  return { total, body };
}
