import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { scopeAccess } from "@/lib/auth/scope-access";
import type { Scope } from "@/lib/auth/scope";
import { LiveFloor } from "@/lib/live/live-floor";
import { applyPatch } from "@/lib/live/patch";
import { scopedFeed, type FloorFeed } from "@/lib/live/scoped-subscription";
import type { WallboardMessage, WallboardView } from "@/lib/live/view-types";
import { defaultConfig } from "../simulator/fixtures";

/**
 * The live stream filtered per connection on the server: over half a simulated hour
 * of the default centre (transfers, holds, agents logging on and off), a scoped
 * connection's view, rebuilt as a browser does from its snapshot and patches,
 * equals the whole floor cut to the scope by the rules written out here, after
 * every message; and no message it receives names an id outside the scope, not
 * even in a removal.
 */

const config = defaultConfig();
const FROM = Date.UTC(2026, 0, 5, 8, 0);
const TO = Date.UTC(2026, 0, 5, 8, 30);
let clock = FROM;
const floors: LiveFloor[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  clock = FROM;
});

afterEach(() => {
  for (const f of floors.splice(0)) f.stop();
  vi.useRealTimers();
});

type Client = { messages: WallboardMessage[]; view: () => WallboardView | undefined };

function client(feed: FloorFeed): Client {
  const messages: WallboardMessage[] = [];
  let view: WallboardView | undefined;
  feed.subscribe((m, json) => {
    expect(JSON.parse(json)).toEqual(m.data);
    messages.push(m);
    view = m.event === "snapshot" ? m.data : applyPatch(view as WallboardView, m.data);
  });
  return { messages, view: () => view };
}

/** The scope's part of a whole view, by the documented rules, written without the code under test. */
function expected(v: WallboardView, s: Scope): Omit<WallboardView, "meta"> {
  const queueOk = (q: string | null) => s.queues.length === 0 || (q !== null && s.queues.includes(q));
  const teamOk = (t: string | null | undefined) => s.teams.length === 0 || (!!t && s.teams.includes(t));
  return {
    queues: Object.fromEntries(Object.entries(v.queues).filter(([id]) => queueOk(id))),
    // An agent's row names only the scope's queues: those it serves, and its call's (else no queue).
    agents: Object.fromEntries(
      Object.entries(v.agents)
        .filter(([, a]) => teamOk(a.teamId))
        .map(([id, a]) => [
          id,
          { ...a, queues: a.queues.filter((q) => queueOk(q)), call: a.call && { ...a.call, queueId: queueOk(a.call.queueId) ? a.call.queueId : null } },
        ]),
    ),
    calls: Object.fromEntries(Object.entries(v.calls).filter(([, c]) => queueOk(c.queueId) && (c.agentId === null || teamOk(v.agents[c.agentId]?.teamId)))),
  };
}

function idsNamed(m: WallboardMessage): { queues: string[]; agents: string[]; calls: string[] } {
  if (m.event === "snapshot") return { queues: Object.keys(m.data.queues), agents: Object.keys(m.data.agents), calls: Object.keys(m.data.calls) };
  const of = (s?: { set: Record<string, unknown>; remove: string[] }) => (s ? [...Object.keys(s.set), ...s.remove] : []);
  return { queues: of(m.data.queues), agents: of(m.data.agents), calls: of(m.data.calls) };
}

const SCOPES: Record<string, Scope> = {
  "one team and one queue": { teams: ["team-sales"], queues: ["sales"] },
  "teams only": { teams: ["team-billing", "team-vip"], queues: [] },
  "queues only": { teams: [], queues: ["support", "retention"] },
};

describe("a scoped live stream", () => {
  it("shows each connection exactly its scope's part of the floor, message by message", async () => {
    const floor = new LiveFloor({ timeZone: config.timeZone, minIntervalMs: 150, now: () => clock });
    floors.push(floor);
    const sim = new ContactCentreSim({ ...config, tenantId: "t" }, { seed: 7, startTime: FROM - 3_600_000 });
    floor.loadSnapshot(sim.advanceTo(FROM));

    const whole = client(floor);
    const scoped = Object.entries(SCOPES).map(([name, s]) => ({ name, s, c: client(scopedFeed(floor, scopeAccess(s))) }));
    const everInScope = scoped.map(() => ({ queues: new Set<string>(), agents: new Set<string>(), calls: new Set<string>() }));
    const remember = () =>
      scoped.forEach(({ s }, i) => {
        const e = expected(whole.view() as WallboardView, s);
        for (const k of ["queues", "agents", "calls"] as const) for (const id of Object.keys(e[k])) everInScope[i]?.[k].add(id);
      });
    remember();

    let transfers = 0;
    let steps = 0;
    while (clock < TO) {
      clock += 3_000;
      const chunk: CtiEvent[] = sim.advanceTo(clock);
      transfers += chunk.filter((e) => e.type === "call.transferred").length;
      floor.apply(chunk);
      await vi.advanceTimersByTimeAsync(200);
      remember();
      const w = whole.view() as WallboardView;
      for (const { name, s, c } of scoped) {
        const v = c.view() as WallboardView;
        expect({ queues: v.queues, agents: v.agents, calls: v.calls }, `${name} at ${new Date(clock).toISOString()}`).toEqual(expected(w, s));
        expect(v.meta, name).toEqual(w.meta);
      }
      steps++;
    }
    // The hour must exercise what the filter is for.
    expect(steps).toBe(600);
    expect(transfers).toBeGreaterThan(0);
    const w = whole.view() as WallboardView;
    expect(Object.keys(w.calls).length).toBeGreaterThan(5);
    for (const { name, c } of scoped) {
      const v = c.view() as WallboardView;
      expect(Object.keys(v.agents).length + Object.keys(v.queues).length, name).toBeGreaterThan(0);
      expect(Object.keys(v.agents).length + Object.keys(v.calls).length, name).toBeLessThan(Object.keys(w.agents).length + Object.keys(w.calls).length);
    }

    scoped.forEach(({ name, c }, i) => {
      for (const m of c.messages) {
        const named = idsNamed(m);
        for (const k of ["queues", "agents", "calls"] as const) for (const id of named[k]) expect(everInScope[i]?.[k].has(id), `${name}: ${k} ${id}`).toBe(true);
      }
    });
  });

  it("hands the whole centre the floor's own messages", () => {
    const floor = new LiveFloor({ timeZone: "UTC", now: () => clock });
    floors.push(floor);
    expect(scopedFeed(floor, scopeAccess(undefined))).toBe(floor);
  });

  it("shows a scope naming nothing an empty floor", () => {
    const floor = new LiveFloor({ timeZone: config.timeZone, now: () => clock });
    floors.push(floor);
    floor.loadSnapshot(new ContactCentreSim({ ...config, tenantId: "t" }, { seed: 3, startTime: FROM - 3_600_000 }).advanceTo(FROM));
    const c = client(scopedFeed(floor, scopeAccess({ teams: [], queues: [] })));
    expect(Object.keys(floor.currentView().agents).length).toBeGreaterThan(0);
    expect(c.view()).toMatchObject({ queues: {}, agents: {}, calls: {} });
  });
});
