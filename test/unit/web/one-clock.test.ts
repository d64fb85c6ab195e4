import { describe, expect, it } from "vitest";
import { periodRange } from "@/lib/time/periods";
import { parseZoneChoice, shownZone } from "@/lib/time/zone-choice";
import { fromZoneInput, toZoneInput } from "@/lib/time/zone-input";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";

describe("the clock a page shows", () => {
  it("is the centre's unless the viewer chose their own and it is known", () => {
    expect(shownZone("centre", LONDON, NEW_YORK)).toBe(LONDON);
    expect(shownZone("mine", LONDON, NEW_YORK)).toBe(NEW_YORK);
    // The server on a first visit: "mine" chosen but the browser has not said its zone yet.
    expect(shownZone("mine", LONDON, null)).toBe(LONDON);
  });

  it("reads the choice cookie, anything but 'mine' meaning the centre's", () => {
    expect(parseZoneChoice("mine")).toBe("mine");
    expect(parseZoneChoice("centre")).toBe("centre");
    expect(parseZoneChoice(undefined)).toBe("centre");
    expect(parseZoneChoice("Mine")).toBe("centre");
  });

  it("gives a New York viewer of a London centre the centre's Today by default, and their own when they switch", () => {
    // 2026-03-10 03:30 UTC: 03:30 on Tuesday 10 March in London (GMT, +0), but 23:30 on
    // Monday 9 March in New York (EDT, -4, since Sunday 8 March).
    const now = Date.UTC(2026, 2, 10, 3, 30);
    expect(periodRange("today", now, shownZone("centre", LONDON, NEW_YORK))).toEqual({ from: Date.UTC(2026, 2, 10, 0), to: Date.UTC(2026, 2, 11, 0) });
    expect(periodRange("today", now, shownZone("mine", LONDON, NEW_YORK))).toEqual({ from: Date.UTC(2026, 2, 9, 4), to: Date.UTC(2026, 2, 10, 4) });
    // "This week" runs from Monday 9 March in both, but from each zone's own midnight.
    expect(periodRange("this_week", now, LONDON)).toEqual({ from: Date.UTC(2026, 2, 9, 0), to: Date.UTC(2026, 2, 16, 0) });
    expect(periodRange("this_week", now, NEW_YORK)).toEqual({ from: Date.UTC(2026, 2, 9, 4), to: Date.UTC(2026, 2, 16, 4) });
  });
});

describe("a moment typed on the shown clock (replay)", () => {
  it("reads and writes the chosen zone's wall time, whatever the browser's zone", () => {
    // 14:05:09 on 1 July 2026 in London is BST (+1): 13:05:09 UTC.
    const t = Date.UTC(2026, 6, 1, 13, 5, 9);
    expect(toZoneInput(t, LONDON)).toBe("2026-07-01T14:05:09");
    expect(toZoneInput(t, NEW_YORK)).toBe("2026-07-01T09:05:09");
    expect(fromZoneInput("2026-07-01T14:05:09", LONDON)).toBe(t);
    // Inputs without seconds are whole minutes.
    expect(fromZoneInput("2026-07-01T09:05", NEW_YORK)).toBe(Date.UTC(2026, 6, 1, 13, 5));
    expect(fromZoneInput("yesterday", LONDON)).toBeNaN();
  });
});
