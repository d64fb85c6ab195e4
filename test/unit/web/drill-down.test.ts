import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { contactsParamsSchema, exportParamsSchema, requestSlot, searchParamsObject } from "@/lib/api/params";
import { describeZodError } from "@/lib/http/errors";
import { contactCountSql, slotParams } from "@/lib/contacts/list-contacts";
import { bucketWindow } from "@/components/charts/calls-chart-model";
import { heatmapCellHref, prepareHeatmapModel } from "@/components/trends/heatmap-model";
import { prepareHeatmap } from "@/lib/kpi/queries/heatmap";
import { contactsRequest } from "@/lib/views/contacts-request";
import { parseViewParams } from "@/lib/views/view-params";
import { counts } from "./fixtures";

const from = Date.UTC(2026, 0, 5);
const to = Date.UTC(2026, 0, 19);
const problem = (schema: z.ZodType, qs: string) => {
  const r = schema.safeParse(searchParamsObject(new URLSearchParams(qs)));
  return r.success ? "" : describeZodError(r.error);
};

describe("a chart bar's contacts", () => {
  it("cover the bar's interval, clipped to the period", () => {
    // A week bucket from Monday 29 December to Monday 5 January, for a period from Thursday 1 January.
    expect(bucketWindow({ start: Date.UTC(2025, 11, 29), end: Date.UTC(2026, 0, 5) }, { from: Date.UTC(2026, 0, 1), to })).toEqual({
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 5),
    });
    expect(bucketWindow({ start: from, end: from + 900_000 }, { from, to })).toEqual({ from, to: from + 900_000 });
  });
});

describe("a heatmap cell's contacts", () => {
  it("link the whole period with the view's filters and the cell's weekday and hour", () => {
    const href = heatmapCellHref({ from, to }, { queueIds: ["support"], teamIds: ["team-sales"] }, 1, 9);
    expect(href).toBe(`/contacts?from=${from}&to=${to}&queue=support&team=team-sales&filter=all&wd=1&hour=9`);
  });

  it("are linked only from cells with calls", () => {
    const h = prepareHeatmap(
      [
        {
          weekday: 1,
          hour: 9,
          firstMs: from + 9 * 3_600_000,
          lastMs: to - 1,
          ...(({ stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...c }) => c)(counts({ offered: 3 })),
        },
      ],
      {
        from,
        to,
        tz: "UTC",
        variant: "answered_within_over_answered",
      },
    );
    const m = prepareHeatmapModel(h, "volume", { queueIds: [], teamIds: [] });
    expect(m.rows[0]?.cells[9]?.href).toBe(`/contacts?from=${from}&to=${to}&filter=all&wd=1&hour=9`);
    expect(m.rows[0]?.cells[10]?.href).toBeUndefined();
    expect(prepareHeatmapModel(h, "volume").rows[0]?.cells[9]?.href).toBeUndefined();
  });

  it("are read from the contacts page's URL on the viewer's clock", () => {
    const params = new URLSearchParams(`from=${from}&to=${to}&wd=3&hour=14`);
    const c = contactsRequest({ params, view: parseViewParams(params), now: to, tz: "Europe/London" });
    expect(c.req).toMatchObject({ from, to, wd: 3, hour: 14, tz: "Europe/London" });
    const bad = new URLSearchParams(`from=${from}&to=${to}&wd=8&hour=14`);
    expect(contactsRequest({ params: bad, view: parseViewParams(bad), now: to, tz: "UTC" }).req.wd).toBeUndefined();
  });

  it("need weekday, hour and zone together, else the API says what is wrong", () => {
    expect(problem(contactsParamsSchema, `from=${from}&to=${to}&wd=1&hour=9&tz=Europe/London`)).toBe("");
    expect(problem(contactsParamsSchema, `from=${from}&to=${to}&wd=1&tz=UTC`)).toMatch(/^wd: wd, hour and tz go together/);
    expect(problem(contactsParamsSchema, `from=${from}&to=${to}&wd=0&hour=9&tz=UTC`)).toMatch(/^wd: must be at least 1/);
    expect(problem(exportParamsSchema, `table=contacts&from=${from}&to=${to}&tz=UTC&hour=24&wd=1`)).toMatch(/^hour: must be at most 23/);
    expect(requestSlot({ wd: 7, hour: 23, tz: "UTC" })).toEqual({ weekday: 7, hour: 23, tz: "UTC" });
    expect(requestSlot({ tz: "UTC" })).toBeUndefined();
  });

  it("are one SQL text whether a slot is asked or not, the slot a parameter", () => {
    expect(contactCountSql("all")).toContain("toDayOfWeek(toTimeZone(queued_at, {slotTz:String})) = {slotWeekday:UInt8}");
    expect(slotParams(undefined)).toMatchObject({ hasSlot: 0 });
    expect(slotParams({ weekday: 2, hour: 7, tz: "Asia/Kolkata" })).toEqual({ hasSlot: 1, slotTz: "Asia/Kolkata", slotWeekday: 2, slotHour: 7 });
  });
});
