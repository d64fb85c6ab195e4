import { z } from "zod";
import { AUDIT_PAGE_MAX } from "@/lib/audit/list-audit";
import { epochMsParam, intParam, tzParam } from "./params";

/**
 * The audit log's query string: `from` and `to` (epoch ms, either may be left
 * out), `actor` (any part of an id or name), `action` (repeatable), and a page
 * (`limit`, `offset`) or, for the export, the time zone the file's times are in.
 */

const filterShape = {
  from: epochMsParam.optional(),
  to: epochMsParam.optional(),
  actor: z.string().trim().max(256, "is too long").optional(),
  action: z.array(z.string().trim().min(1, "must not be empty").max(128, "is too long")).max(100, "too many actions").default([]),
};

function checkRange(v: { from?: number; to?: number }, ctx: z.RefinementCtx): void {
  if (v.from !== undefined && v.to !== undefined && v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
}

export const auditParamsSchema = z
  .object({ ...filterShape, limit: intParam("rows per page", 1, AUDIT_PAGE_MAX).default(50), offset: intParam("rows to skip", 0, 10_000_000).default(0) })
  .superRefine(checkRange);

export const auditExportParamsSchema = z.object({ ...filterShape, tz: tzParam.optional() }).superRefine(checkRange);
