import { describe, expect, it } from "vitest";
import { healthFor, type Health } from "@/lib/runtime/health";

/** Who sees what of /api/health: up or down for anyone, the fill's progress for users, the rest for admins. */
const full: Health = {
  ok: false,
  store: { reachable: false, shape: "embedded", error: "Code: 210. Connection refused (10.0.0.7:8123)" },
  migrations: { state: "ok", applied: ["0001_raw_events.sql"] },
  backfill: { state: "running", fromTime: 1, toTime: 3, simulatedUntil: 2, events: 42, startedAt: 1 },
  live: { state: "running", since: 5 },
  ingest: { inserted: 10, deadLettered: 1, alreadyStored: 0, lastEventTime: 9, lastError: "store down" },
  kafka: { state: "rejoining", since: 7, rejoins: 1, restarts: 0, cause: "The coordinator is not aware of this member" },
  speech: { state: "not_installed", detail: "no recogniser set up: /srv/app/.speech-venv/bin/python is missing", workers: 1, restarts: 0 },
  clock: {
    state: "problem",
    now: 1,
    maxFutureMs: 300_000,
    storedAhead: { count: 1, newest: 4_102_444_800_000 },
    refusedLastDay: { count: 0 },
    liveIgnored: { future: 0, stale: 0 },
    problems: ["1 stored event(s) are dated more than 300 s ahead"],
  },
  uptimeSeconds: 12,
};

describe("healthFor", () => {
  it("tells an anonymous caller only whether the server is up", () => {
    expect(healthFor(full, "public")).toEqual({ ok: false });
    expect(JSON.stringify(healthFor(full, "public"))).not.toMatch(/Connection refused|store down|0001|speech-venv|dated|coordinator/);
  });

  it("adds the history fill's progress for a signed-in user, and nothing of the store", () => {
    expect(healthFor(full, "user")).toEqual({ ok: false, backfill: full.backfill });
  });

  it("shows everything to an admin", () => {
    expect(healthFor(full, "admin")).toEqual(full);
  });
});
