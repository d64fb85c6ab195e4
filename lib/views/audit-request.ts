import type { AuditRequest } from "@/lib/api/endpoints/audit";
import { toSearchParams } from "@/lib/api/search-params";
import { localDateRange } from "@/lib/time/periods";
import type { ParamSource } from "@/lib/views/view-params";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit page's request from its URL: `start` and `end` are local dates (both
 * days included; either may be left out for an open end), `actor` any part of an
 * id or name, `action` repeatable, `page` from 1. Shared by the server prefetch
 * and the browser, so both ask the same question.
 */
export function auditRequest(params: ParamSource, tz: string): { page: number; req: AuditRequest } {
  const start = localDateRange(params.get("start") ?? "", tz);
  const end = localDateRange(params.get("end") ?? "", tz);
  const actor = params.get("actor")?.trim().slice(0, 256);
  const pageRaw = Number(params.get("page") ?? "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 100_000 ? pageRaw : 1;
  return {
    page,
    req: {
      from: start?.from,
      to: end?.to,
      actor: actor || undefined,
      action: [...new Set(params.getAll("action").filter((a) => a.length > 0 && a.length <= 128))],
      limit: AUDIT_PAGE_SIZE,
      offset: (page - 1) * AUDIT_PAGE_SIZE,
    },
  };
}

/** The CSV download of what the page shows (every page), times in the zone the page shows. */
export function auditExportHref(req: AuditRequest, tz: string): string {
  const { limit: _limit, offset: _offset, ...filter } = req;
  return `/api/admin/audit/export?${toSearchParams({ ...filter, tz })}`;
}
