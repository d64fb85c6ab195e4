import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { applyPatch, diffViews, PatchMismatch } from "@/lib/live/patch";
import { applyEvents } from "@/lib/live/reducer";
import { emptyFloor } from "@/lib/live/state";
import { buildView, EMPTY_DIRECTORY } from "@/lib/live/view";
import type { WallboardView } from "@/lib/live/view-types";
import { defaultConfig } from "../simulator/fixtures";

describe("wallboard patches", () => {
  it("turn each view into the next over a simulated morning, and carry only what changed", () => {
    const config = defaultConfig();
    const from = Date.UTC(2026, 0, 5, 8);
    const sim = new ContactCentreSim({ ...config, tenantId: "t" }, { seed: 5, startTime: from });
    let state = emptyFloor(config.timeZone, from);
    let version = 0;
    const viewOf = () => buildView(state, EMPTY_DIRECTORY, new Map(), { version: ++version, serverTime: from, replay: false });
    let browser: WallboardView = viewOf();
    let server = browser;
    let smallest = Infinity;
    for (let t = from + 250; t <= from + 3_600_000; t += 250) {
      const batch: CtiEvent[] = sim.advanceTo(t);
      if (batch.length === 0) continue;
      state = applyEvents(state, batch);
      const next = viewOf();
      const patch = diffViews(server, next);
      smallest = Math.min(smallest, JSON.stringify(patch).length / JSON.stringify(next).length);
      browser = applyPatch(browser, JSON.parse(JSON.stringify(patch)) as typeof patch);
      server = next;
      expect(browser).toEqual(server);
    }
    // A typical change touches a few entries, not the whole floor.
    expect(smallest).toBeLessThan(0.2);
  });

  it("refuses a patch made for another version", () => {
    const a = buildView(emptyFloor("UTC", 0), EMPTY_DIRECTORY, new Map(), { version: 3, serverTime: 0, replay: false });
    const b = { ...a, meta: { ...a.meta, version: 4 } };
    const c = { ...a, meta: { ...a.meta, version: 5 } };
    expect(() => applyPatch(a, diffViews(b, c))).toThrow(PatchMismatch);
  });
});
