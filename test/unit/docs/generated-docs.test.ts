import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { renderEventsDoc } from "@/lib/events/doc";
import { ctiEventJsonSchema } from "@/lib/events/json-schema";
import { renderKpiDoc } from "@/lib/kpi/doc";

describe("generated docs are current (run `npm run schema` after changing events or KPI definitions)", () => {
  it.each([
    ["docs/events.md", () => renderEventsDoc()],
    ["docs/kpis.md", () => renderKpiDoc()],
    ["docs/cti-event.schema.json", () => `${JSON.stringify(ctiEventJsonSchema(), null, 2)}\n`],
  ])("%s", (file, render) => {
    expect(fs.readFileSync(file, "utf8")).toBe(render());
  });
});
