import { exportCsv } from "@/lib/export/csv-export";
import { csvResponse } from "@/lib/export/csv-response";
import { defineEndpoint } from "../endpoint";
import { exportParamsSchema } from "../params";

/**
 * A dashboard table as CSV (queues, agents, teams, contacts, trends, heatmap,
 * timeline), with the parameters of that table's own endpoint plus the page's
 * sort (sort, dir) and, where times are shown, tz.
 */
export const exportTable = defineEndpoint({
  method: "GET",
  path: "/api/export/[table]",
  capability: "dashboards",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: exportParamsSchema,
  run: async ({ ch, tenantId }, p) => csvResponse(await exportCsv(ch, tenantId, p)),
});
