import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { IngestPipeline } from "@/ingest/pipeline";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { callbacks, placeCallbackEndpoint } from "@/lib/api/endpoints/callbacks";
import { WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { readCall } from "@/lib/calls/read-call";
import { parseParams } from "@/lib/api/parse-request";
import type { SessionUser } from "@/lib/auth/session";
import type { CallbackRow } from "@/lib/callbacks/callback-list";
import { Conflict, Forbidden, OutOfScope } from "@/lib/errors/domain-errors";
import { NO_CAPABILITIES } from "@/lib/telephony/capabilities";
import type { CallbackCommand } from "@/lib/telephony/commands";
import { setTelephony } from "@/lib/telephony/registry";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The callback list read from stored events (the KPI segments, the callers, and the calls
 * that followed), and a callback placed from it: the number and queue the platform is
 * given come from the store, not from the request.
 */
const T = Date.UTC(2026, 10, 3, 9, 0, 0);
const MIN = 60_000;
const DDI = "+448000001234";

type Ev = { type: string; time: number; callId: string; queueId?: string; legId?: string; agentId?: string; data: Record<string, unknown> };

/** A caller who rang the queue and left it unanswered after `waitMs`. */
function missedCall(callId: string, from: string, at: number, reason: "abandon" | "timeout", waitMs: number, queueId = "sales"): Ev[] {
  const leg = { callId, queueId, legId: `${callId}.1` };
  return [
    { type: "call.offered", time: at, callId, queueId, data: { from, to: DDI, direction: "inbound", channelId: callId } },
    { type: "call.queued", time: at + 1_000, ...leg, data: { position: 1 } },
    { type: "call.queue_exited", time: at + 1_000 + waitMs, ...leg, data: { reason, waitMs } },
    { type: "call.cleared", time: at + 2_000 + waitMs, callId, data: { durationMs: 2_000 + waitMs, cause: reason } },
  ];
}

/** A call an agent answered: inbound from `from`, or a callback (outbound) to `to`. */
function answeredCall(callId: string, at: number, party: { from: string } | { to: string }, callbackOf?: string): Ev[] {
  const outbound = "to" in party;
  const leg = { callId, queueId: "sales", legId: `${callId}.1`, agentId: "agent-1" };
  const offered = outbound
    ? { from: DDI, to: party.to, direction: "outbound", channelId: callId, ...(callbackOf ? { callbackOf } : {}) }
    : { from: party.from, to: DDI, direction: "inbound", channelId: callId };
  return [
    { type: "call.offered", time: at, callId, queueId: "sales", data: offered },
    ...(outbound ? [] : [{ type: "call.queued", time: at, ...leg, data: {} }]),
    { type: "call.established", time: at + 10_000, ...leg, data: { waitMs: 10_000, ringMs: 5_000, agentChannelId: `${callId}-a` } },
    ...(outbound ? [] : [{ type: "call.queue_exited", time: at + 10_000, ...leg, data: { reason: "answered", waitMs: 10_000 } }]),
    { type: "call.cleared", time: at + 100_000, callId, data: { durationMs: 100_000, cause: "normal" } },
  ];
}

function failedCallback(callId: string, at: number, to: string, cause: string, ended = true, callbackOf?: string): Ev[] {
  return [
    {
      type: "call.offered",
      time: at,
      callId,
      queueId: "sales",
      data: { from: DDI, to, direction: "outbound", channelId: callId, ...(callbackOf ? { callbackOf } : {}) },
    },
    ...(ended ? [{ type: "call.failed", time: at + 30_000, callId, data: { cause } }] : []),
  ];
}

async function store(tenantId: string, events: readonly Ev[]): Promise<void> {
  const { ch } = await testStore();
  const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
  const full = events.map((e) => ({ specVersion: "1.0", id: randomUUID(), source: "pbx", tenantId, ...e }));
  const result = await pipeline.ingest(full.map((object) => ({ payload: { object }, origin: { source: "test" } })));
  expect(result.deadLettered).toBe(0);
}

const supervisor: SessionUser = { id: "sup-1", name: "Sam Super", role: "supervisor" };
const otherQueues: SessionUser = { id: "sup-2", name: "Sue", role: "supervisor", scope: { teams: [], queues: ["support"] } };

async function ask<R>(endpoint: AnyEndpoint, tenantId: string, user: SessionUser, query: Record<string, string | string[]>, body?: unknown): Promise<R> {
  const { ch } = await testStore();
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) search.append(k, x);
  const params = parseParams(endpoint, search, {});
  return (await endpoint.run({ ch, tenantId, user, signal: new AbortController().signal }, params, endpoint.body ? endpoint.body.parse(body) : undefined)) as R;
}

const period = { from: String(T - 60 * MIN), to: String(T + 10 * 60 * MIN) };

afterEach(() => setTelephony(undefined));

describe("callbacks", () => {
  it("lists each missed number once, from its latest miss, with what happened since", async () => {
    const tenantId = freshTenant("cb");
    const n = (i: number) => `+44163296000${i}`;
    await store(tenantId, [
      // 1: missed twice, then called back and reached.
      ...missedCall("m1a", n(1), T, "abandon", 40_000),
      ...missedCall("m1b", n(1), T + 5 * MIN, "timeout", 300_000),
      ...answeredCall("cb1", T + 30 * MIN, { to: n(1) }, "m1b"),
      // 2: missed, rang again and was answered.
      ...missedCall("m2", n(2), T + MIN, "abandon", 3_000),
      ...answeredCall("in2", T + 20 * MIN, { from: n(2) }),
      // 3: missed; two callbacks reached nobody.
      ...missedCall("m3", n(3), T + 2 * MIN, "abandon", 60_000),
      ...failedCallback("cb3a", T + 10 * MIN, n(3), "no_answer", true, "m3"),
      ...failedCallback("cb3b", T + 15 * MIN, n(3), "busy", true, "m3"),
      // 4: missed; a callback is ringing.
      ...missedCall("m4", n(4), T + 3 * MIN, "abandon", 20_000),
      ...failedCallback("cb4", T + 40 * MIN, n(4), "", false),
      // 5: missed, withheld.
      ...missedCall("m5", "anonymous", T + 4 * MIN, "abandon", 10_000),
      // Answered, so not missed at all.
      ...answeredCall("ok", T + 6 * MIN, { from: n(6) }),
      // Missed in another queue.
      ...missedCall("m7", n(7), T + 7 * MIN, "abandon", 10_000, "support"),
    ]);
    const all = await ask<{ rows: CallbackRow[]; cut: boolean }>(callbacks, tenantId, supervisor, period);
    expect(all.cut).toBe(false);
    const seen = all.rows.map((r) => [r.number, r.callId, r.queueId, r.outcome, r.missedCount, r.attempts, r.status.kind, r.done, r.callable]);
    // Newest miss first: m7 (T+7m, exit +10 s), m5, m4, m3, m2, and m1b whose exit came after its 5-minute wait.
    expect(seen).toEqual([
      [n(1), "m1b", "sales", "timeout", 2, 1, "called_back", true, true],
      [n(7), "m7", "support", "abandon", 1, 0, "open", false, true],
      ["anonymous", "m5", "sales", "abandon", 1, 0, "open", false, false],
      [n(4), "m4", "sales", "abandon", 1, 1, "calling", false, true],
      [n(3), "m3", "sales", "abandon", 1, 2, "tried", false, true],
      [n(2), "m2", "sales", "abandon", 1, 0, "called_again", true, true],
    ]);
    expect(all.rows.find((r) => r.number === n(3))?.status).toEqual({ kind: "tried", cause: "busy", at: T + 15 * MIN });

    // The call pages say it too: the missed call lists its callbacks, each callback names its missed call.
    const { ch } = await testStore();
    const m3 = await readCall(ch, tenantId, WHOLE_CENTRE, "m3");
    expect(m3.callbacks.map((c) => [c.callId, c.connected, c.endCause])).toEqual([
      ["cb3a", false, "no_answer"],
      ["cb3b", false, "busy"],
    ]);
    expect((await readCall(ch, tenantId, WHOLE_CENTRE, "cb1")).facts.callbackOf).toBe("m1b");
    expect((await readCall(ch, tenantId, WHOLE_CENTRE, "m1b")).callbacks.map((c) => [c.callId, c.connected])).toEqual([["cb1", true]]);

    // A supervisor limited to another queue sees only that queue's missed caller.
    const scoped = await ask<{ rows: CallbackRow[] }>(callbacks, tenantId, otherQueues, period);
    expect(scoped.rows.map((r) => r.callId)).toEqual(["m7"]);
  });

  it("places a callback with the stored number and queue, audits it, and refuses what it must", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("cbp");
    await store(tenantId, [...missedCall("m1", "+441632960011", T, "abandon", 40_000), ...missedCall("anon", "anonymous", T + MIN, "abandon", 5_000)]);
    const received: CallbackCommand[] = [];
    setTelephony({
      name: "test-pbx",
      capabilities: { ...NO_CAPABILITIES, originateCallback: true, callbackFirst: ["agent"] },
      commands: {
        originateCallback: async (c) => {
          received.push(c);
          return { callId: "new-call", agentId: "agent-7" };
        },
      },
    });
    const missedAt = T + 1_000 + 40_000;
    const placed = await ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "m1", missedAt });
    expect(placed).toEqual({ callId: "new-call", agentId: "agent-7", number: "+441632960011", queueId: "sales", first: "agent" });
    expect(received).toEqual([{ number: "+441632960011", queueId: "sales", callbackOf: "m1" }]);

    // Once placed, not again while it is under way: the moment after (its events not stored yet), or while it rings.
    await expect(ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "m1", missedAt })).rejects.toMatchObject({
      message: expect.stringContaining("a moment ago"),
    });
    await store(tenantId, failedCallback("new-call", T + 2 * MIN, "+441632960011", "busy", true, "m1"));
    expect(await ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "m1", missedAt })).toMatchObject({ callId: "new-call" });
    await store(tenantId, failedCallback("ringing", T + 3 * MIN, "+441632960011", "", false, "m1"));
    await expect(ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "m1", missedAt })).rejects.toMatchObject({
      message: expect.stringContaining("under way"),
    });
    expect(received).toHaveLength(2);
    // A supervisor who sees only some teams must name one of their agents: the queue's next free one may be in another team.
    const teamLead: SessionUser = { id: "lead", name: "Lee", role: "supervisor", scope: { teams: ["t1"], queues: [] } };
    await expect(ask(placeCallbackEndpoint, tenantId, teamLead, {}, { callId: "m1", missedAt })).rejects.toBeInstanceOf(Forbidden);

    // Not the missed call the list showed (another exit time), unknown, or outside the caller's queues: 404 alike.
    await expect(ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "m1", missedAt: missedAt + 1 })).rejects.toBeInstanceOf(OutOfScope);
    await expect(ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "nope", missedAt })).rejects.toBeInstanceOf(OutOfScope);
    await expect(ask(placeCallbackEndpoint, tenantId, otherQueues, {}, { callId: "m1", missedAt })).rejects.toBeInstanceOf(OutOfScope);
    // A withheld number cannot be dialled.
    await expect(ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "anon", missedAt: T + MIN + 6_000 })).rejects.toBeInstanceOf(Conflict);
    expect(received).toHaveLength(2);

    const audit = await queryRows<{ action: string; target: string; details: string }>(ch, "SELECT action, target, details FROM audit_log WHERE tenant_id = {t:String}", {
      t: tenantId,
    });
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ["callback.placed", "call:m1"],
      ["callback.placed", "call:m1"],
    ]);
    expect(JSON.parse(audit[0]?.details ?? "{}")).toMatchObject({
      number: "+441632960011",
      queueId: "sales",
      platform: "test-pbx",
      placedCallId: "new-call",
      placedAgentId: "agent-7",
    });
  });

  it("places a supervisor-first callback through the asker's own extension, audits who was rung first, and refuses what it must", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("cbs");
    await store(tenantId, [...missedCall("m1", "+441632960021", T, "abandon", 40_000), ...missedCall("m2", "+441632960022", T + MIN, "timeout", 60_000)]);
    const received: CallbackCommand[] = [];
    const platform = (callbackFirst: ("agent" | "supervisor")[]) =>
      setTelephony({
        name: "test-pbx",
        capabilities: { ...NO_CAPABILITIES, originateCallback: true, callbackFirst },
        commands: {
          originateCallback: async (c) => {
            received.push(c);
            return { callId: `new-${received.length}` };
          },
        },
      });
    platform(["agent", "supervisor"]);
    const missedAt = T + 1_000 + 40_000;
    const withPhone: SessionUser = { ...supervisor, extension: "2001" };

    // No extension: a 409 saying to set one, before the missed call is even looked up; nothing dialled.
    const noPhone = ask(placeCallbackEndpoint, tenantId, supervisor, {}, { callId: "m1", missedAt, first: "supervisor" });
    await expect(noPhone).rejects.toBeInstanceOf(Conflict);
    await expect(noPhone).rejects.toThrow(/no phone extension/);
    // An agent named with "supervisor first" contradicts itself: a 400 from the body's schema.
    expect(() => placeCallbackEndpoint.body?.parse({ callId: "m1", missedAt, first: "supervisor", agentId: "a1" })).toThrow(/name no agent/);

    const placed = await ask(placeCallbackEndpoint, tenantId, withPhone, {}, { callId: "m1", missedAt, first: "supervisor" });
    expect(placed).toEqual({ callId: "new-1", number: "+441632960021", queueId: "sales", first: "supervisor" });
    expect(received).toEqual([
      { number: "+441632960021", queueId: "sales", callbackOf: "m1", first: "supervisor", supervisor: { id: "sup-1", name: "Sam Super", extension: "2001" } },
    ]);
    // A team lead needs no agent of theirs to name: nobody of the floor is rung.
    const teamLead: SessionUser = { id: "lead", name: "Lee", role: "supervisor", scope: { teams: ["t1"], queues: [] }, extension: "2002" };
    // m2 timed out at T + MIN + 1 s (IVR) + 60 s of waiting.
    await ask(placeCallbackEndpoint, tenantId, teamLead, {}, { callId: "m2", missedAt: T + MIN + 1_000 + 60_000, first: "supervisor" });
    expect(received[1]).toMatchObject({ first: "supervisor", supervisor: { id: "lead", extension: "2002" } });

    // A platform that can ring only agents first: 503 unsupported, audited like any refusal, nothing dialled.
    platform(["agent"]);
    await store(tenantId, failedCallback("new-1", T + 2 * MIN, "+441632960021", "busy", true, "m1"));
    await expect(ask(placeCallbackEndpoint, tenantId, withPhone, {}, { callId: "m1", missedAt, first: "supervisor" })).rejects.toMatchObject({
      code: "unsupported",
    });
    expect(received).toHaveLength(2);

    const audit = await queryRows<{ actor: string; details: string }>(
      ch,
      "SELECT actor, details FROM audit_log WHERE tenant_id = {t:String} AND action = 'callback.placed' ORDER BY at",
      {
        t: tenantId,
      },
    );
    expect(audit.map((a) => [a.actor, JSON.parse(a.details) as Record<string, unknown>])).toEqual([
      [
        "sup-1",
        { actorName: "Sam Super", number: "+441632960021", queueId: "sales", first: "supervisor", extension: "2001", platform: "test-pbx", placedCallId: "new-1" },
      ],
      ["lead", { actorName: "Lee", number: "+441632960022", queueId: "sales", first: "supervisor", extension: "2002", platform: "test-pbx", placedCallId: "new-2" }],
      [
        "sup-1",
        {
          actorName: "Sam Super",
          number: "+441632960021",
          queueId: "sales",
          first: "supervisor",
          extension: "2001",
          platform: "test-pbx",
          failed: "unsupported",
          error: "the telephony platform in use (test-pbx) cannot ring a supervisor first",
        },
      ],
    ]);
  });
});
