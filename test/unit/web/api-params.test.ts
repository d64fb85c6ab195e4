import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  agentsParamsSchema,
  contactsParamsSchema,
  exportParamsSchema,
  heatmapParamsSchema,
  queuesParamsSchema,
  searchParamsObject,
  seriesParamsSchema,
  summaryParamsSchema,
  timelineParamsSchema,
  toSearchParams,
} from "@/lib/api/params";
import { describeZodError } from "@/lib/http/errors";
import { customRange } from "@/lib/time/periods";

const DAY = 86_400_000;
const from = Date.UTC(2026, 0, 5);
const to = from + DAY;
const parse = (schema: z.ZodType, qs: string) => schema.safeParse(searchParamsObject(new URLSearchParams(qs)));
/** The 400 message a route would send, or "" when the input is good. */
const problem = (schema: z.ZodType, qs: string) => {
  const r = parse(schema, qs);
  return r.success ? "" : describeZodError(r.error);
};

describe("the dashboards' query-string contract", () => {
  it("repeats queue, team, agent and action, and fills them in when absent", () => {
    expect(searchParamsObject(new URLSearchParams("queue=a&queue=b&team=t&from=1"))).toEqual({ queue: ["a", "b"], team: ["t"], agent: [], action: [], from: "1" });
    const qs = toSearchParams({ from, to, queue: ["a", "b"], team: [], variant: undefined }).toString();
    expect(qs).toBe(`from=${from}&to=${to}&queue=a&queue=b`);
  });

  it("reads summaries, series and heatmaps with teams and a variant", () => {
    expect(parse(summaryParamsSchema, `from=${from}&to=${to}&team=t1&team=t2`)).toMatchObject({ success: true, data: { team: ["t1", "t2"], queue: [] } });
    expect(parse(seriesParamsSchema, `from=${from}&to=${to}&interval=hour&tz=europe/london&variant=answered_within_over_answered_abandoned`)).toMatchObject({
      success: true,
      data: { tz: "Europe/London", variant: "answered_within_over_answered_abandoned" },
    });
    expect(problem(heatmapParamsSchema, `from=${from}&to=${to}&tz=Mars/Base`)).toMatch(/^tz: unknown time zone/);
    expect(problem(queuesParamsSchema, `from=${to}&to=${from}`)).toBe("to: must be after from");
    expect(problem(agentsParamsSchema, `from=${from}&to=${from + 401 * DAY}`)).toBe("to: the range may span at most 400 days");
  });

  it("accepts the longest custom period the picker offers, across a daylight-saving change", () => {
    // 400 local days in London hold one more autumn change than spring one: 400 days and an hour.
    const longest = customRange("2025-10-01", "2026-11-04", "Europe/London");
    expect(longest && longest.to - longest.from).toBe(400 * DAY + 3_600_000);
    expect(parse(summaryParamsSchema, `from=${longest?.from}&to=${longest?.to}`)).toMatchObject({ success: true });
  });

  it("reads the contacts list's filter, order and page, with defaults", () => {
    expect(parse(contactsParamsSchema, `from=${from}&to=${to}`)).toMatchObject({
      success: true,
      data: { filter: "all", sort: "queued_at", dir: "desc", limit: 50, offset: 0, agent: [] },
    });
    expect(parse(contactsParamsSchema, `from=${from}&to=${to}&filter=short_abandon&sort=wait_ms&dir=asc&limit=10&offset=20&agent=a1`)).toMatchObject({
      success: true,
      data: { filter: "short_abandon", sort: "wait_ms", dir: "asc", limit: 10, offset: 20, agent: ["a1"] },
    });
    expect(problem(contactsParamsSchema, `from=${from}&to=${to}&filter=vip`)).toMatch(/^filter: must be one of all, with_outcome, in_progress, lost, answered/);
    expect(problem(contactsParamsSchema, `from=${from}&to=${to}&limit=501`)).toBe("limit: must be at most 500");
    expect(problem(contactsParamsSchema, `from=${from}&to=${to}&offset=-1`)).toMatch(/^offset: must be a whole number/);
  });

  it("wants exactly one agent and at most 8 days for a timeline", () => {
    expect(parse(timelineParamsSchema, `agent=a1&from=${from}&to=${to}`)).toMatchObject({ success: true, data: { agent: "a1" } });
    expect(problem(timelineParamsSchema, `from=${from}&to=${to}`)).toBe("agent: required: exactly one agent id");
    expect(problem(timelineParamsSchema, `agent=a&agent=b&from=${from}&to=${to}`)).toBe("agent: required: exactly one agent id");
    expect(problem(timelineParamsSchema, `agent=a&from=${from}&to=${from + 9 * DAY}`)).toBe("to: the timeline may span at most 8 days");
  });

  it("reads every export by its table, and names a bad table", () => {
    const ok = (qs: string) => exportParamsSchema.safeParse(searchParamsObject(new URLSearchParams(qs))).success;
    expect(ok(`table=queues&from=${from}&to=${to}&sort=offered&dir=desc`)).toBe(true);
    expect(ok(`table=agents&from=${from}&to=${to}&agent=a1`)).toBe(true);
    expect(ok(`table=contacts&from=${from}&to=${to}&tz=UTC&filter=answered`)).toBe(true);
    expect(ok(`table=trends&from=${from}&to=${to}&tz=UTC&interval=hour`)).toBe(true);
    expect(ok(`table=heatmap&from=${from}&to=${to}&tz=UTC&metric=sl`)).toBe(true);
    expect(ok(`table=timeline&from=${from}&to=${to}&tz=UTC&agent=a1`)).toBe(true);
    expect(ok(`table=contacts&from=${from}&to=${to}`)).toBe(false);
    expect(problem(exportParamsSchema, `table=everything&from=${from}&to=${to}`)).toMatch(/^table: must be one of queues/);
  });
});
