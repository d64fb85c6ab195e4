import { describe, expect, it } from "vitest";
import { Conflict } from "@/lib/errors/domain-errors";
import { planEdit } from "@/lib/records/plan-edit";

const same = (a: number, b: number) => a === b;
const current = { version: 4, state: 20, at: 5_000 };

describe("planning an edit", () => {
  it("claims the next version, its time after the current row's even with a clock behind", () => {
    expect(planEdit({ what: "q", current, next: 30, expectedVersion: 4, same, now: 1_000 })).toEqual({ unchanged: false, version: 5, at: 5_001, state: 30 });
    expect(planEdit({ what: "q", current, next: 30, same, now: 9_000 })).toMatchObject({ version: 5, at: 9_000 });
  });

  it("refuses a stale version with a Conflict naming the current one", () => {
    let thrown: unknown;
    try {
      planEdit({ what: 'queue "q1"', current, next: 30, expectedVersion: 3, same, now: 0 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Conflict);
    expect(thrown).toMatchObject({ kind: "conflict", currentVersion: 4 });
    expect((thrown as Conflict).message).toBe('queue "q1" was changed by someone else meanwhile (now version 4, you edited version 3); reload and try again');
  });

  it("treats saving the stored state as no change, except for a record never saved", () => {
    expect(planEdit({ what: "q", current, next: 20, expectedVersion: 4, same, now: 0 })).toEqual({ unchanged: true });
    expect(planEdit({ what: "q", current: { version: 0, state: 20, at: 0 }, next: 20, same, now: 7 })).toEqual({ unchanged: false, version: 1, at: 7, state: 20 });
  });
});
