import { describe, expect, it } from "vitest";
import { ctiEventSchema, type CtiEvent, type EventOf, type EventType } from "@/lib/events";
import { computeKpis, ZERO_COUNTS } from "@/lib/kpi";
import { QueueLogMapper, importQueueLog, nameBasedUuid, type QueueLogMapperOptions } from "@/ingest/queue-log";
import { HAND_AGENT_STATES, HAND_COUNTS, HAND_EVENT_TYPES, HAND_KPIS, HAND_LOG, S, SOURCE, T0, WRAP_UP_SECONDS } from "./hand-log";
import { countsFromEvents, stateTimeFromEvents } from "./kpis-from-events";
import { checkSegmentQueuedAt } from "../helpers/segment-queued-at";

const opts: QueueLogMapperOptions = { tenantId: "t1", source: SOURCE, wrapUpSeconds: WRAP_UP_SECONDS };
const at = (s: number) => T0 + s * S;
const ofType = <T extends EventType>(events: readonly CtiEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);
const typeCounts = (events: readonly CtiEvent[]) => {
  const out: Record<string, number> = {};
  for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
};

function expectAllValid(events: readonly CtiEvent[]) {
  for (const e of events) {
    const parsed = ctiEventSchema.safeParse(e);
    expect(parsed.success, `${e.type} at ${e.time}: ${parsed.error?.message}`).toBe(true);
  }
}

/** Agent state events of one agent, as [type, seconds after T0, previous state or -]. */
function agentTimeline(events: readonly CtiEvent[], agentId: string) {
  return events
    .filter((e) => e.type.startsWith("agent.") && e.agentId === agentId)
    .sort((a, b) => a.time - b.time)
    .map((e) => [e.type, (e.time - T0) / S, "previous" in e.data && e.data.previous ? e.data.previous.state : "-"]);
}

describe("QueueLogMapper on the hand-written log", () => {
  const { events, errors } = importQueueLog(HAND_LOG, opts);

  it("maps every line, each event valid, ids unique", () => {
    expect(errors).toEqual([]);
    expectAllValid(events);
    expect(typeCounts(events)).toEqual(HAND_EVENT_TYPES);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it("gives the hand-computed contact counts, per queue and in total", () => {
    expect(countsFromEvents(events)).toEqual(HAND_COUNTS.total);
    expect(countsFromEvents(events, (c) => c.queueId === "sales")).toEqual(HAND_COUNTS.sales);
    expect(countsFromEvents(events, (c) => c.queueId === "support")).toEqual(HAND_COUNTS.support);
    for (const scope of ["total", "sales", "support"] as const) {
      const kpis = computeKpis({ ...ZERO_COUNTS, ...HAND_COUNTS[scope] });
      expect(kpis.service_level.value, scope).toBeCloseTo(HAND_KPIS[scope].serviceLevel, 12);
      expect(kpis.asa.value, scope).toBeCloseTo(HAND_KPIS[scope].asaMs, 9);
      expect(kpis.aht.value, scope).toBeCloseTo(HAND_KPIS[scope].ahtMs, 9);
      expect(kpis.abandon_rate.value, scope).toBeCloseTo(HAND_KPIS[scope].abandonRate, 12);
    }
  });

  it("gives the hand-computed agent state time", () => {
    expect(stateTimeFromEvents(events)).toEqual(HAND_AGENT_STATES);
  });

  it("follows the simulator's agent semantics: previous on every state event but the first after log-on", () => {
    expect(agentTimeline(events, "1001")).toEqual([
      ["agent.logged_on", 0, "-"],
      ["agent.ready", 0, "-"],
      ["agent.busy", 22, "ready"],
      ["agent.working_after_call", 142, "busy"],
      ["agent.ready", 152, "after_call_work"], // the sales wrap-up ends 10 s later
      ["agent.busy", 190, "ready"],
      ["agent.working_after_call", 310, "busy"],
      ["agent.ready", 320, "after_call_work"],
      ["agent.logged_off", 600, "ready"], // after the second REMOVEMEMBER: the first left it in support
    ]);
    expect(agentTimeline(events, "1003")).toEqual([
      ["agent.logged_on", 0, "-"],
      ["agent.ready", 0, "-"],
      ["agent.busy", 105, "ready"],
      ["agent.ready", 165, "busy"], // support has no wrap-up
      ["agent.not_ready", 170, "ready"],
      ["agent.ready", 400, "not_ready"],
      ["agent.busy", 418, "ready"],
      ["agent.ready", 478, "busy"],
      ["agent.logged_off", 600, "ready"],
    ]);
    const [unpause] = ofType(events, "agent.ready").filter((e) => e.agentId === "1003" && e.time === at(400));
    expect(unpause?.data.previous).toEqual({ state: "not_ready", since: at(170), reasonCode: "lunch" });
    const [wrapEnd] = ofType(events, "agent.ready").filter((e) => e.agentId === "1001" && e.time === at(320));
    // c4's sales leg: CONNECT +190 with holdtime 24 -> it entered the queue at +166.
    expect(wrapEnd?.data.previous).toEqual({ state: "after_call_work", since: at(310), callId: "1767603697.110", legId: "1767603697.110.2", queuedAt: at(166) });
    const [busy] = ofType(events, "agent.busy").filter((e) => e.agentId === "1002");
    expect(busy).toMatchObject({ callId: "1767603627.104", legId: "1767603627.104.1", queueId: "sales", raw: { interface: "PJSIP/1002" } });
  });

  it("maps the call lines with Asterisk's own figures", () => {
    const c2 = events.filter((e) => e.callId === "1767603627.104");
    expect(c2.map((e) => [e.type, (e.time - T0) / S])).toEqual([
      ["call.offered", 30],
      ["call.queued", 30],
      ["call.delivered", 30], // the missed ring began ringtime (15000 ms) before RINGNOANSWER
      ["call.diverted", 45],
      ["call.delivered", 55], // and the answered one ringtime (5 s) before CONNECT
      ["call.established", 60],
      ["call.queue_exited", 60],
      ["agent.busy", 60],
      ["call.connection_cleared", 240],
      ["call.cleared", 240],
      ["agent.working_after_call", 240],
    ]);
    expect(ofType(c2, "call.diverted")[0]?.data).toEqual({ reason: "ring_no_answer", ringMs: 15_000 });
    expect(ofType(c2, "call.delivered").map((e) => e.data.attempt)).toEqual([1, 2]);
    expect(ofType(c2, "call.established")[0]?.data).toEqual({ waitMs: 30_000, queuedAt: at(30), ringMs: 5_000, agentChannelId: "1767603655.105" });
    // CONNECT +60 with holdtime 30: queued at +30.
    expect(ofType(c2, "call.connection_cleared")[0]?.data).toEqual({
      queuedAt: at(30),
      talkMs: 180_000,
      holdMs: 0,
      holdCount: 0,
      releasedBy: "agent",
      transferred: false,
    });
    expect(ofType(c2, "call.offered")[0]?.data).toEqual({ from: "+441632960002", to: "sales", direction: "inbound", channelId: "1767603627.104" });
  });

  it("continues a transferred call as a new leg of the same call", () => {
    const c4 = events.filter((e) => e.callId === "1767603697.110");
    expect(ofType(c4, "call.offered")).toHaveLength(1);
    expect(ofType(c4, "call.queued").map((e) => [e.legId, e.queueId])).toEqual([
      ["1767603697.110.1", "support"],
      ["1767603697.110.2", "sales"],
    ]);
    expect(ofType(c4, "call.transferred")[0]).toMatchObject({ legId: "1767603697.110.1", agentId: "1003", data: { kind: "blind", toExtension: "2000@from-internal" } });
    expect(ofType(c4, "call.connection_cleared").map((e) => [e.legId, e.data])).toEqual([
      // support leg: CONNECT +105, holdtime 5 -> queued +100; sales leg: CONNECT +190, holdtime 24 -> queued +166
      ["1767603697.110.1", { queuedAt: at(100), talkMs: 60_000, holdMs: 0, holdCount: 0, releasedBy: "transfer", transferred: true }],
      ["1767603697.110.2", { queuedAt: at(166), talkMs: 120_000, holdMs: 30_000, holdCount: 1, releasedBy: "agent", transferred: false }],
    ]);
    expect(ofType(c4, "call.retrieved")[0]?.data).toEqual({ holdMs: 30_000 });
    // One clear, at the end of the last leg: offered +100 -> cleared +310
    expect(ofType(c4, "call.cleared").map((e) => e.data)).toEqual([{ durationMs: 210_000, cause: "normal" }]);
  });

  it("repeats each answered leg's queue entry (CONNECT time - holdtime) on its clear and on the agent's previous", () => {
    // By hand from the CONNECT lines: c1 +22-12, c2 +60-30, c4.1 +105-5, c4.2 +190-24, c7 +418-8.
    const entry: Record<string, number> = {
      "1767603605.101.1": at(10),
      "1767603627.104.1": at(30),
      "1767603697.110.1": at(100),
      "1767603697.110.2": at(166),
      "1767604006.121.1": at(410),
    };
    expect(Object.fromEntries(ofType(events, "call.connection_cleared").map((e) => [e.legId, e.data.queuedAt]))).toEqual(entry);
    const named = events.flatMap((e) =>
      e.type.startsWith("agent.") && "previous" in e.data && e.data.previous?.legId !== undefined
        ? [[e.agentId, (e.time - T0) / S, e.data.previous.legId, e.data.previous.queuedAt]]
        : [],
    );
    // Every busy and after-call-work interval of the story above ends naming its leg.
    expect(named).toEqual([
      ["1001", 142, "1767603605.101.1", at(10)], // busy -> ACW
      ["1001", 152, "1767603605.101.1", at(10)], // ACW -> ready
      ["1003", 165, "1767603697.110.1", at(100)], // busy -> ready (support: no wrap-up)
      ["1002", 240, "1767603627.104.1", at(30)],
      ["1002", 250, "1767603627.104.1", at(30)],
      ["1001", 310, "1767603697.110.2", at(166)],
      ["1001", 320, "1767603697.110.2", at(166)],
      ["1003", 478, "1767604006.121.1", at(410)],
    ]);
    // And the generic check: every row of a leg names the same entry, to the millisecond,
    // on the 8 legs' call.queued, the 5 clears and 8 previous above, and the 5 call.established.
    const { violations, checked } = checkSegmentQueuedAt(events);
    expect(violations).toEqual([]);
    expect(checked).toBe(8 + 5 + 8 + 5);
  });

  it("files a leg under its ENTERQUEUE time even where Asterisk's holdtime disagrees, and keeps Asterisk's wait", () => {
    // holdtime 7 s at CONNECT 120 (ENTERQUEUE logged at 110): waitMs 7000 as logged, but the
    // entry is the ENTERQUEUE line's 110 s (120 - 7 = 113 would file the exit apart from the entry).
    // Without holdtime (c2) the wait runs from ENTERQUEUE: 205 - 200 -> entry 200 s.
    const log = [
      "100|NONE|q1|PJSIP/1|ADDMEMBER|",
      "100|NONE|q1|PJSIP/2|ADDMEMBER|",
      "110|c1|q1|NONE|ENTERQUEUE||555|1",
      "120|c1|q1|PJSIP/1|CONNECT|7|u1|1",
      "180|c1|q1|PJSIP/1|COMPLETECALLER|7|60|1",
      "200|c2|q1|NONE|ENTERQUEUE||556|1",
      "205|c2|q1|PJSIP/2|CONNECT||u2|1",
      "265|c2|q1|PJSIP/2|BLINDTRANSFER|2000|from-internal||60|1",
    ].join("\n");
    const { events: out, errors } = importQueueLog(log, { ...opts, wrapUpSeconds: 30 });
    expect(errors).toEqual([]);
    expectAllValid(out);
    expect(ofType(out, "call.queue_exited").map((e) => [e.callId, e.data.waitMs])).toEqual([
      ["c1", 7_000],
      ["c2", 5_000],
    ]);
    expect(ofType(out, "call.connection_cleared").map((e) => [e.callId, e.data.queuedAt])).toEqual([
      ["c1", 110_000],
      ["c2", 200_000],
    ]);
    expect(ofType(out, "call.queue_exited").map((e) => e.data.queuedAt)).toEqual([110_000, 200_000]);
    const previous = out.flatMap((e) => ("previous" in e.data && e.data.previous?.legId ? [[e.type, e.data.previous.legId, e.data.previous.queuedAt]] : []));
    expect(previous).toEqual([
      ["agent.working_after_call", "c1.1", 110_000], // 180
      ["agent.ready", "c1.1", 110_000], // 210, revealed by the 265 line
      ["agent.working_after_call", "c2.1", 200_000], // 265
      ["agent.ready", "c2.1", 200_000], // 295, on flush
    ]);
    expect(checkSegmentQueuedAt(out).violations).toEqual([]);
  });

  it("ends unanswered legs with the reason and the wait Asterisk logged", () => {
    const exits = ofType(events, "call.queue_exited").filter((e) => e.data.reason !== "answered");
    expect(exits.map((e) => [e.callId, e.data])).toEqual([
      // queuedAt: the ENTERQUEUE lines at +70, +200, +255
      ["1767603668.107", { reason: "abandon", waitMs: 3_000, queuedAt: at(70), position: 1 }],
      ["1767603797.115", { reason: "abandon", waitMs: 45_000, queuedAt: at(200), position: 1 }],
      ["1767603852.118", { reason: "timeout", waitMs: 50_000, queuedAt: at(255), position: 1 }],
    ]);
  });
});

describe("event ids", () => {
  it("are name-based UUIDs (version 5)", () => {
    const id = nameBasedUuid("x");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameBasedUuid("x")).toBe(id);
    expect(nameBasedUuid("y")).not.toBe(id);
  });

  it("are the same on every import of the same log, whatever the line endings", () => {
    const a = importQueueLog(HAND_LOG, opts).events;
    expect(importQueueLog(HAND_LOG, opts).events).toEqual(a);
    expect(importQueueLog(HAND_LOG.replaceAll("\n", "\r\n"), opts).events).toEqual(a);
  });

  it("do not depend on line numbers: garbage lines in between change nothing", () => {
    const clean = importQueueLog(HAND_LOG, opts).events;
    const noisy = HAND_LOG.split("\n")
      .flatMap((l, i) => (i % 5 === 2 ? ["", "not a queue_log line", l] : [l]))
      .join("\n");
    expect(importQueueLog(noisy, opts).events).toEqual(clean);
  });

  it("differ between sources, between tenants and between identical lines", () => {
    const a = importQueueLog(HAND_LOG, opts).events.map((e) => e.id);
    const b = importQueueLog(HAND_LOG, { ...opts, source: "asterisk://pbx2" }).events.map((e) => e.id);
    const c = importQueueLog(HAND_LOG, { ...opts, tenantId: "t2" }).events.map((e) => e.id);
    expect(a.filter((id) => b.includes(id) || c.includes(id))).toEqual([]);
    // Two identical PAUSE lines in one second (PAUSEALL twice) are two lines, not one repeated.
    const log =
      "100|NONE|q|PJSIP/1|ADDMEMBER|\n200|NONE|q|PJSIP/1|PAUSE|x\n300|NONE|q|PJSIP/1|UNPAUSE|\n300|NONE|q|PJSIP/1|PAUSE|x\n300|NONE|q|PJSIP/1|UNPAUSE|\n300|NONE|q|PJSIP/1|PAUSE|x";
    const ids = importQueueLog(log, opts).events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("malformed and unmatched lines", () => {
  it("are reported with their line numbers and never stop the import", () => {
    const lines = HAND_LOG.trimEnd().split("\n");
    const bad = [
      "1767603611|1767603605.101|sales", // too few fields
      "noon|1767603605.101|sales|NONE|ENTERQUEUE||1|1", // bad epoch
      "1767603612|1767603605.101|sales|PJSIP/1001|TELEPORT|", // unknown event
      "1767603613|1767603605.101|sales|PJSIP/1001|CONNECT|soon|x|1", // bad data
    ];
    // Insert each after line 7 (c1's ENTERQUEUE): the bad lines become 8..11
    const text = [...lines.slice(0, 7), ...bad, ...lines.slice(7)].join("\n");
    const { events, errors } = importQueueLog(text, opts);
    expect(errors.map((e) => [e.lineNo, e.reason, e.line])).toEqual([
      [8, "too_few_fields", bad[0]],
      [9, "bad_epoch", bad[1]],
      [10, "unknown_event", bad[2]],
      [11, "bad_data", bad[3]],
    ]);
    for (const e of errors) expect(e.detail.length).toBeGreaterThan(0);
    expect(events).toEqual(importQueueLog(HAND_LOG, opts).events);
  });

  it("maps a log that starts mid-shift and mid-call without inventing intervals", () => {
    const log = [
      "1000|c0|q1|PJSIP/7|COMPLETECALLER|3|50|1", // answered before the log starts
      "1010|c1|q1|NONE|ENTERQUEUE||555|1",
      "1015|c1|q1|PJSIP/7|CONNECT|5|u1|1",
      "1075|c1|q1|PJSIP/7|COMPLETEAGENT|5|60|1",
      "1100|NONE|q1|PJSIP/8|PAUSE|break", // first sight of agent 8
      "1160|NONE|q1|PJSIP/8|UNPAUSE|",
      "1200|NONE|q1|PJSIP/8|REMOVEMEMBER|",
    ].join("\n");
    const { events, errors } = importQueueLog(log, opts);
    expectAllValid(events);
    expect(errors).toEqual([expect.objectContaining({ lineNo: 1, reason: "unmatched_call", line: "1000|c0|q1|PJSIP/7|COMPLETECALLER|3|50|1" })]);
    const timeline = (id: string) =>
      events.filter((e) => e.agentId === id && e.type.startsWith("agent.")).map((e) => [e.type, e.time / S, "previous" in e.data ? e.data.previous?.state : undefined]);
    // No log-on in this log: only the call is an interval. Idle spans start nothing, since
    // nothing says the agent stayed logged on until its next line.
    expect(timeline("7")).toEqual([
      ["agent.ready", 1000, undefined], // state before unknown: no previous
      ["agent.busy", 1015, undefined], // ready 1000-1015 not counted
      ["agent.ready", 1075, "busy"], // busy 1015-1075 counted
    ]);
    expect(timeline("8")).toEqual([
      ["agent.not_ready", 1100, undefined],
      ["agent.ready", 1160, undefined],
      ["agent.logged_off", 1200, undefined],
    ]);
    expect(ofType(events, "call.connection_cleared")).toHaveLength(1);
  });
});

describe("agent state details", () => {
  const run = (lines: string[], o: Partial<QueueLogMapperOptions> = {}) => {
    const r = importQueueLog(lines.join("\n"), { ...opts, ...o });
    expectAllValid(r.events);
    expect(r.errors).toEqual([]);
    return r.events
      .filter((e) => e.type.startsWith("agent."))
      .map((e) => {
        const data = e.data as { previous?: { state: string }; reasonCode?: string };
        return [e.type, e.time / S, data.previous?.state ?? "-", data.reasonCode ?? ""];
      });
  };

  it("collapses PAUSEALL and its per-queue PAUSE lines into one not-ready interval", () => {
    expect(
      run([
        "100|NONE|q1|PJSIP/1|ADDMEMBER|",
        "100|NONE|q2|PJSIP/1|ADDMEMBER|",
        "200|NONE|NONE|PJSIP/1|PAUSEALL|meeting",
        "200|NONE|q1|PJSIP/1|PAUSE|meeting",
        "200|NONE|q2|PJSIP/1|PAUSE|meeting",
        "300|NONE|NONE|PJSIP/1|UNPAUSEALL|",
        "300|NONE|q1|PJSIP/1|UNPAUSE|",
        "300|NONE|q2|PJSIP/1|UNPAUSE|",
      ]),
    ).toEqual([
      ["agent.logged_on", 100, "-", ""],
      ["agent.ready", 100, "-", ""],
      ["agent.not_ready", 200, "ready", "meeting"],
      ["agent.ready", 300, "not_ready", ""],
    ]);
  });

  it("keeps an agent busy when it pauses mid-call, and not ready after the call; a pause without reason is 'paused'", () => {
    expect(
      run([
        "100|NONE|q1|PJSIP/1|ADDMEMBER|",
        "110|c1|q1|NONE|ENTERQUEUE||555|1",
        "112|c1|q1|PJSIP/1|CONNECT|2|u1|1",
        "150|NONE|q1|PJSIP/1|PAUSE|",
        "172|c1|q1|PJSIP/1|COMPLETECALLER|2|60|1",
        "200|NONE|q1|PJSIP/1|UNPAUSE|",
      ]),
    ).toEqual([
      ["agent.logged_on", 100, "-", ""],
      ["agent.ready", 100, "-", ""],
      ["agent.busy", 112, "ready", ""],
      ["agent.not_ready", 172, "busy", "paused"],
      ["agent.ready", 200, "not_ready", ""],
    ]);
  });

  it("logs on paused when ADDMEMBER says PAUSED, and AGENTLOGIN/AGENTLOGOFF work like members", () => {
    expect(
      run([
        "100|NONE|q1|PJSIP/1|ADDMEMBER|PAUSED",
        "160|NONE|q1|PJSIP/1|UNPAUSE|",
        "200|NONE|NONE|Agent/2|AGENTLOGIN|PJSIP/2-0001",
        "260|NONE|NONE|Agent/2|AGENTLOGOFF|PJSIP/2-0001|60",
        "260|NONE|NONE|Agent/2|AGENTLOGOFF|PJSIP/2-0001|60", // a repeat changes nothing
      ]),
    ).toEqual([
      ["agent.logged_on", 100, "-", ""],
      ["agent.not_ready", 100, "-", "paused"],
      ["agent.ready", 160, "not_ready", ""],
      ["agent.logged_on", 200, "-", ""],
      ["agent.ready", 200, "-", ""],
      ["agent.logged_off", 260, "ready", ""],
    ]);
  });

  it("ends a wrap-up still running at the end of the log on flush, and a pause during wrap-up after it", () => {
    const mapper = new QueueLogMapper({ ...opts, wrapUpSeconds: 30 });
    const lines = [
      "100|NONE|q1|PJSIP/1|ADDMEMBER|",
      "110|c1|q1|NONE|ENTERQUEUE||555|1",
      "112|c1|q1|PJSIP/1|CONNECT|2|u1|1",
      "172|c1|q1|PJSIP/1|COMPLETECALLER|2|60|1",
      "180|NONE|q1|PJSIP/1|PAUSE|lunch",
    ];
    const events = lines.flatMap((l, i) => mapper.push(l, i + 1).events);
    const last = mapper.flush().events;
    expectAllValid([...events, ...last]);
    expect(last.map((e) => [e.type, e.time / S, "previous" in e.data ? e.data.previous?.state : undefined])).toEqual([["agent.not_ready", 202, "after_call_work"]]);
    expect(mapper.flush().events).toEqual([]);
  });

  it("keeps an agent removed mid-call logged off when the call ends", () => {
    expect(
      run([
        "100|NONE|q1|PJSIP/1|ADDMEMBER|",
        "110|c1|q1|NONE|ENTERQUEUE||555|1",
        "112|c1|q1|PJSIP/1|CONNECT|2|u1|1",
        "150|NONE|q1|PJSIP/1|REMOVEMEMBER|",
        "172|c1|q1|PJSIP/1|COMPLETECALLER|2|60|1",
        "200|NONE|q2|PJSIP/1|ADDMEMBER|",
        "300|NONE|q2|PJSIP/1|REMOVEMEMBER|",
      ]),
    ).toEqual([
      ["agent.logged_on", 100, "-", ""],
      ["agent.ready", 100, "-", ""],
      ["agent.busy", 112, "ready", ""],
      ["agent.logged_off", 150, "busy", ""],
      ["agent.logged_on", 200, "-", ""],
      ["agent.ready", 200, "-", ""],
      ["agent.logged_off", 300, "ready", ""],
    ]);
  });

  it("uses a custom agent id normaliser", () => {
    const ids = new Set(importQueueLog("100|NONE|q1|PJSIP/1001|ADDMEMBER|", { ...opts, agentId: (a) => a.toLowerCase() }).events.map((e) => e.agentId));
    expect(ids).toEqual(new Set(["pjsip/1001"]));
    const bad = importQueueLog("100|NONE|q1|PJSIP/1001|ADDMEMBER|", { ...opts, agentId: () => "" });
    expect(bad.errors).toEqual([expect.objectContaining({ lineNo: 1, reason: "bad_data" })]);
  });
});

describe("other call outcomes", () => {
  it("maps EXITEMPTY, EXITWITHKEY and ATTENDEDTRANSFER, and uses a DID line as the dialled number", () => {
    const log = [
      "100|c1|NONE|NONE|DID|+442079460000",
      "101|c1|q1|NONE|ENTERQUEUE||555|1",
      "130|c1|q1|NONE|EXITWITHKEY|1|1|1|29",
      "200|c2|q1|NONE|ENTERQUEUE||556|",
      "205|c2|q1|NONE|EXITEMPTY|1|1|5",
      "300|c3|q1|NONE|ENTERQUEUE||557|2",
      "310|c3|q1|PJSIP/1|CONNECT|10|u3|2",
      "400|c3|q1|PJSIP/1|ATTENDEDTRANSFER|BRIDGE|b-1|10|90|2",
    ].join("\n");
    const { events, errors } = importQueueLog(log, opts);
    expect(errors).toEqual([]);
    expectAllValid(events);
    expect(ofType(events, "call.offered").map((e) => e.data.to)).toEqual(["+442079460000", "q1", "q1"]);
    expect(ofType(events, "call.queued").map((e) => e.data.position)).toEqual([1, undefined, 2]);
    expect(ofType(events, "call.queue_exited").map((e) => [e.data.reason, e.data.waitMs])).toEqual([
      ["key", 29_000],
      ["empty", 5_000],
      ["answered", 10_000],
    ]);
    expect(ofType(events, "call.cleared").map((e) => [e.callId, e.data.cause])).toEqual([
      ["c1", "key"],
      ["c2", "empty"],
    ]);
    expect(ofType(events, "call.transferred")[0]?.data).toEqual({ kind: "attended" });
    expect(ofType(events, "call.connection_cleared")[0]?.data).toMatchObject({ talkMs: 90_000, releasedBy: "transfer", transferred: true });
  });
});
