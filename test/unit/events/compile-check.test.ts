import { describe, expect, it } from "vitest";
import { ctiEventSchema } from "@/lib/events";
import { EVENT_EXAMPLES } from "@/lib/events/examples";
import { compileCheck } from "@/lib/events/compile-check";
import { defaultConfig, MONDAY, simulate } from "../simulator/fixtures";

/**
 * The compiled check stands in for zod on the ingest hot path, so zod is the oracle:
 * whatever the check accepts, zod must accept and return unchanged. Checked on one
 * example of every event type, a simulated day, and thousands of mutations of them
 * (every field removed, retyped, stretched past its bounds, and unknown keys added).
 */
const check = compileCheck(ctiEventSchema);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const examples = Object.values(EVENT_EXAMPLES).map((e) => clone(e) as unknown);
const day = simulate(defaultConfig(), 3, MONDAY, MONDAY + 86_400_000).map((e) => clone(e) as unknown);

/** Each path to a value inside `v` (objects and arrays), the root excluded. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== "object" || v === null) return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...prefix, k], ...paths((v as Record<string | number, unknown>)[k], [...prefix, k])]);
}

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  "",
  "x",
  "x".repeat(257),
  "x".repeat(2_000),
  -1,
  0,
  1,
  1.5,
  2 ** 53,
  Number.NaN,
  Infinity,
  true,
  [],
  {},
  ["a"],
  "ready",
  "answered",
];

/** The value with `path` replaced by `next` (or removed, for the marker), or with an unknown key added there. */
function mutate(v: unknown, path: (string | number)[], next: unknown | typeof REMOVE | typeof EXTRA): unknown {
  const copy = clone(v) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (next === REMOVE) delete parent[last];
  else if (next === EXTRA) {
    const target = parent[last];
    if (typeof target === "object" && target !== null && !Array.isArray(target)) (target as Record<string, unknown>).unexpected = 1;
  } else parent[last] = next;
  return copy;
}
const REMOVE = Symbol("remove");
const EXTRA = Symbol("extra");

function agreesWithZod(value: unknown): void {
  if (!check(value)) return;
  const parsed = ctiEventSchema.safeParse(value);
  expect(parsed.success, JSON.stringify(value)).toBe(true);
  expect(parsed.data).toEqual(value);
}

describe("the compiled event check", () => {
  it("accepts every valid event that zod returns unchanged: one of each type and a simulated day", () => {
    for (const e of [...examples, ...day]) {
      expect(check(e)).toBe(true);
      expect(ctiEventSchema.parse(e)).toEqual(e);
    }
    expect(day.length).toBeGreaterThan(10_000);
  });

  it("never accepts what zod refuses or would change, over every mutation of every field", () => {
    const bases = [...examples, ...day.filter((_, i) => i % 997 === 0)];
    let mutations = 0;
    let refusedByZod = 0;
    for (const base of bases) {
      for (const path of paths(base)) {
        for (const next of [REMOVE, EXTRA, ...REPLACEMENTS]) {
          const value = mutate(base, path, next);
          mutations += 1;
          if (!ctiEventSchema.safeParse(value).success) refusedByZod += 1;
          agreesWithZod(value);
        }
      }
      for (const next of [EXTRA]) agreesWithZod(mutate({ root: base }, ["root"], next));
    }
    // The mutations must have bitten: most of them make an invalid event.
    expect(mutations).toBeGreaterThan(5_000);
    expect(refusedByZod).toBeGreaterThan(mutations / 2);
  });

  it("leaves a refinement to zod: previous.legId without previous.queuedAt is refused", () => {
    const cleared = clone(EVENT_EXAMPLES["agent.working_after_call"]) as { data: { previous?: Record<string, unknown> } };
    expect(cleared.data.previous?.legId).toBeDefined();
    delete cleared.data.previous?.queuedAt;
    expect(ctiEventSchema.safeParse(cleared).success).toBe(false);
    expect(check(cleared)).toBe(false);
  });

  it("refuses an unknown key that zod would strip, so the caller gets zod's output", () => {
    const e = { ...clone(EVENT_EXAMPLES["call.offered"]), extra: "x" };
    expect(ctiEventSchema.safeParse(e).success).toBe(true);
    expect(check(e)).toBe(false);
  });
});
