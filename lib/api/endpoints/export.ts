import { exportCsv, filename } from "@/lib/export/csv-export";
import { contactsCsv, CUT_HEADER, TOTAL_HEADER } from "@/lib/export/contacts-csv";
import { csvResponse } from "@/lib/export/csv-response";
import { getEnv } from "@/lib/env";
import { defineEndpoint } from "../endpoint";
import { exportParamsSchema } from "../params";
import { contactListArgs } from "./contacts";

/**
 * A dashboard table as CSV (queues, agents, teams, contacts, trends, heatmap,
 * timeline), with the parameters of that table's own endpoint plus the page's
 * sort (sort, dir) and, where times are shown, tz. Contacts, the one table that
 * can run to a year of rows, is streamed in pages up to EXPORT_MAX_ROWS.
 */
export const exportTable = defineEndpoint({
  method: "GET",
  path: "/api/export/[table]",
  capability: "dashboards",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: exportParamsSchema,
  run: async ({ ch, tenantId, signal }, p) => {
    if (p.table !== "contacts") return csvResponse(await exportCsv(ch, tenantId, p));
    const maxRows = getEnv().EXPORT_MAX_ROWS;
    const input = contactListArgs(tenantId, p);
    const { total, body } = await contactsCsv(ch, input, { tz: p.tz, maxRows, signal });
    const headers: Record<string, string> = { [TOTAL_HEADER]: String(total), ...(total > maxRows ? { [CUT_HEADER]: String(maxRows) } : {}) };
    return csvResponse({ filename: filename("contacts", p.from, p.to, p.tz), body, headers });
  },
});
