import { listAudit } from "@/lib/audit/list-audit";
import { exportAuditCsv } from "@/lib/export/audit-csv";
import { csvResponse } from "@/lib/export/csv-response";
import { auditExportParamsSchema, auditParamsSchema } from "../audit-params";
import { defineEndpoint, type RequestOf } from "../endpoint";

/** An audit with holes is no audit: the log is the whole centre's record of who changed what, and only admins read it. */
const AUDIT_UNSCOPED = "the audit log is the whole centre's record of changes, read whole by admins only";

const filter = (tenantId: string, p: { from?: number; to?: number; actor?: string; action: string[] }) => ({
  tenantId,
  from: p.from,
  to: p.to,
  actor: p.actor,
  actions: p.action,
});

/** The audit log, newest first, one page at a time (admins only). */
export const auditLog = defineEndpoint({
  method: "GET",
  path: "/api/admin/audit",
  capability: "admin",
  scope: { wholeCentre: AUDIT_UNSCOPED },
  params: auditParamsSchema,
  run: ({ ch, tenantId }, p) => listAudit(ch, { ...filter(tenantId, p), limit: p.limit, offset: p.offset }),
});

/** The audit log with the same filters as a CSV file (admins only). */
export const auditExport = defineEndpoint({
  method: "GET",
  path: "/api/admin/audit/export",
  capability: "admin",
  scope: { wholeCentre: AUDIT_UNSCOPED },
  params: auditExportParamsSchema,
  run: async ({ ch, tenantId }, p) => csvResponse(await exportAuditCsv(ch, filter(tenantId, p), p.tz ?? "UTC")),
});

export type AuditRequest = RequestOf<typeof auditLog>;
