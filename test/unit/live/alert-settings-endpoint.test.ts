import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { AlertSettingsUpdate } from "@/lib/live/alert-settings-schema";
import type { QueueInfo } from "@/lib/directory/list-queues";

/**
 * The admin API of the wallboard's alert limits and GET /api/targets, through the one
 * handler: who may call them, and the 400s that say what is wrong. The store is
 * replaced by what these routes would read and write.
 */

let signedIn: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
vi.mock("@/lib/store/client", () => ({ getClickHouse: async () => ({}) }));
const saved: AlertSettingsUpdate[] = [];
vi.mock("@/lib/live/store/alert-settings-record", () => ({
  alertSettingsForm: async () => ({ settings: { notReadyMaxS: 900, afterCallWorkMaxS: 120, waitingMaxS: 120, targetBreach: true }, version: 0 }),
  updateAlertSettings: async (_ch: unknown, _tenant: string, update: AlertSettingsUpdate) => {
    saved.push(update);
    return { settings: update.settings, version: 1, changed: true };
  },
}));
const queueInfo = (id: string, slTargetPct: number): QueueInfo => ({
  id,
  name: id.toUpperCase(),
  slThresholdS: 20,
  slVariant: "answered_within_over_answered",
  shortAbandonS: 5,
  shortAbandonRule: "below",
  maxWaitS: 0,
  slTargetPct,
  definitionVersion: 2,
});
vi.mock("@/lib/directory/list-queues", () => ({ listQueues: async () => [queueInfo("sales", 90), queueInfo("support", 80)] }));

const { handle } = await import("@/lib/api/handle");
const { alertSettings, updateAlertSettingsEndpoint } = await import("@/lib/api/endpoints/live");
const { targets } = await import("@/lib/api/endpoints/targets");

const noRoute = { params: Promise.resolve({}) };
const URL_ = "http://localhost/api/admin/wallboard-alerts";
const good = { settings: { notReadyMaxS: 600, afterCallWorkMaxS: 120, waitingMaxS: 90, targetBreach: true }, expectedVersion: 0 };

async function put(body: unknown) {
  const res = await handle(updateAlertSettingsEndpoint)(new NextRequest(URL_, { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body) }), noRoute);
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

beforeEach(() => {
  signedIn = null;
  saved.length = 0;
});

describe("/api/admin/wallboard-alerts", () => {
  it("asks a signed-out caller to sign in", async () => {
    expect((await handle(alertSettings)(new NextRequest(URL_), noRoute)).status).toBe(401);
    expect((await put(good)).status).toBe(401);
  });

  it.each(["supervisor", "manager", "qa"] as const)("refuses a %s (admins only), reading or saving", async (role) => {
    signedIn = { id: "u", name: "U", role };
    expect((await handle(alertSettings)(new NextRequest(URL_), noRoute)).status).toBe(403);
    const res = await put(good);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/admin/);
    expect(saved).toEqual([]);
  });

  it("saves an admin's limits as given", async () => {
    signedIn = { id: "a", name: "Admin", role: "admin" };
    const res = await put(good);
    expect(res.status).toBe(200);
    expect(saved).toEqual([good]);
  });

  it.each([
    [{ ...good, settings: { ...good.settings, waitingMaxS: -1 } }, /^settings\.waitingMaxS: /],
    [{ ...good, settings: { ...good.settings, notReadyMaxS: 1.5 } }, /^settings\.notReadyMaxS: /],
    [{ ...good, settings: { ...good.settings, afterCallWorkMaxS: 86_401 } }, /^settings\.afterCallWorkMaxS: /],
    [{ settings: { notReadyMaxS: 600, afterCallWorkMaxS: 120, waitingMaxS: 90 } }, /^settings\.targetBreach: /],
    [{ ...good, expectedVersion: -2 }, /^expectedVersion: /],
  ])("answers 400 naming what is wrong (%#)", async (body, message) => {
    signedIn = { id: "a", name: "Admin", role: "admin" };
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
    expect(saved).toEqual([]);
  });

  it("answers 400 to a body that is not JSON, with the expected shape", async () => {
    signedIn = { id: "a", name: "Admin", role: "admin" };
    const res = await put("{nope");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^body must be JSON: \{"settings"/);
  });
});

describe("GET /api/targets", () => {
  const get = async () => {
    const res = await handle(targets)(new NextRequest("http://localhost/api/targets"), noRoute);
    return { status: res.status, body: (await res.json()) as { amberBandPts?: number; queues?: { queueId: string; targetPct: number }[] } };
  };

  it("asks a signed-out caller to sign in", async () => {
    expect((await get()).status).toBe(401);
  });

  it("gives every role the targets of the queues in its scope", async () => {
    signedIn = { id: "q", name: "QA", role: "qa" };
    const all = await get();
    expect(all.status).toBe(200);
    expect(all.body.amberBandPts).toBe(5);
    expect(all.body.queues?.map((q) => [q.queueId, q.targetPct])).toEqual([
      ["sales", 90],
      ["support", 80],
    ]);
    signedIn = { id: "s", name: "Sup", role: "supervisor", scope: { queues: ["support"], teams: [] } };
    expect((await get()).body.queues?.map((q) => q.queueId)).toEqual(["support"]);
  });
});
