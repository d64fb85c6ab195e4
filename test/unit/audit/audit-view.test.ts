import { describe, expect, it } from "vitest";
import { auditParamsSchema, auditExportParamsSchema } from "@/lib/api/audit-params";
import { parseParams } from "@/lib/api/parse-request";
import { auditExport, auditLog } from "@/lib/api/endpoints/audit";
import { changeLines } from "@/lib/tables/audit-table";
import { auditExportHref, auditRequest } from "@/lib/views/audit-request";

/** The audit page's pure parts: what a change shows, the request a URL makes, and the parameters the endpoints accept. */

describe("changeLines", () => {
  it("lists the fields before and after disagree on, nested ones by path, then the other details", () => {
    const details = {
      before: { waiting: { warning: 3, critical: 8 }, slVariant: "a" },
      after: { waiting: { warning: 0, critical: 8 }, slVariant: "a", extra: true },
      version: 2,
    };
    expect(changeLines(details)).toEqual(["waiting.warning: 3 → 0", "extra: (none) → true", "version: 2"]);
    expect(changeLines({ note: "=1+1" })).toEqual(["note: =1+1"]);
    expect(changeLines({})).toEqual([]);
  });
});

const params = (q: string) => new URLSearchParams(q);

describe("auditRequest", () => {
  it("turns local days into the instants of their midnights (end day included) and pages by 50", () => {
    const { req, page } = auditRequest(params("start=2026-03-28&end=2026-03-29&actor=%20ada%20&action=a&action=a&action=b&page=3"), "Europe/London");
    expect(page).toBe(3);
    // London: 28 March is GMT, 30 March 00:00 is BST (clocks went forward on the 29th).
    expect(req).toEqual({ from: Date.UTC(2026, 2, 28), to: Date.UTC(2026, 2, 29, 23), actor: "ada", action: ["a", "b"], limit: 50, offset: 100 });
  });

  it("leaves out what the URL does not state or states wrongly", () => {
    expect(auditRequest(params("start=2026-02-30&page=-1"), "UTC")).toEqual({
      page: 1,
      req: { from: undefined, to: undefined, actor: undefined, action: [], limit: 50, offset: 0 },
    });
  });

  it("gives the export the page's filters without the page", () => {
    const { req } = auditRequest(params("start=2026-01-05&actor=ada&page=2"), "UTC");
    expect(auditExportHref(req, "UTC")).toBe(`/api/admin/audit/export?from=${Date.UTC(2026, 0, 5)}&actor=ada&tz=UTC`);
  });
});

describe("the audit endpoints' parameters", () => {
  it("read back the page's request", () => {
    const { req } = auditRequest(params("start=2026-01-05&end=2026-01-06&actor=ada&action=x&page=2"), "UTC");
    const search = new URLSearchParams(`from=${req.from}&to=${req.to}&actor=ada&action=x&limit=50&offset=50`);
    expect(parseParams(auditLog, search)).toEqual({ ...req });
  });

  it("name what is wrong", () => {
    expect(auditParamsSchema.safeParse({ from: "5", to: "5", action: [] }).error?.issues[0]).toMatchObject({ path: ["to"], message: "must be after from" });
    expect(auditParamsSchema.safeParse({ limit: "501", action: [] }).error?.issues[0]).toMatchObject({ path: ["limit"] });
    expect(auditExportParamsSchema.safeParse({ tz: "Mars/Olympus", action: [] }).error?.issues[0]?.message).toMatch(/unknown time zone/);
    expect(() => parseParams(auditExport, new URLSearchParams("limit=5"))).toThrow(/limit: unknown parameter/);
  });
});
