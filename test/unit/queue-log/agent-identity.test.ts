import { describe, expect, it } from "vitest";
import { importQueueLog, parseLine } from "@/ingest/queue-log";
import { AgentPairLearner, agentNormaliser, parseAgentMap, splitWarning, type LearnedAgents } from "@/ingest/queue-log/agent-identity";
import { stateTimeFromEvents } from "./kpis-from-events";

/**
 * FreePBX-style member naming: ADDMEMBER/REMOVEMEMBER name the interface, call lines
 * and PAUSE the member name (Asterisk without log_membername_as_agent).
 *
 * PAIRED (epoch "+s" from 1767610000): Local/1001@from-queue/n is a member of sales from
 * +0 to +300, SIP/1002 from +100 to +300.
 *   c1 +10 queued, +15 CONNECT by "Sathish": only Local/1001 is a member then -> Sathish = 1001
 *   c2 +110 queued, +120 CONNECT by "Priya": both are members, but Local/1001 is Sathish's -> Priya = 1002
 *   Sathish pauses +200 (lunch) and unpauses +260 (PAUSE lines by member name).
 * Agent states by hand (no wrap-up):
 *   1001 ready +0..+15, busy +15..+75, ready +75..+200, not ready +200..+260, ready +260..+300
 *        -> ready 15 + 125 + 40 = 180 s, busy 60 s, not ready 60 s
 *   1002 ready +100..+120, busy +120..+180, ready +180..+300 -> ready 20 + 120 = 140 s, busy 60 s
 */
const at = (s: number) => 1767610000 + s;
const PAIRED = [
  `${at(0)}|NONE|sales|Local/1001@from-queue/n|ADDMEMBER|`,
  `${at(10)}|c1|sales|NONE|ENTERQUEUE||+441632960201|1`,
  `${at(15)}|c1|sales|Sathish|CONNECT|5|c1-agent|2`,
  `${at(75)}|c1|sales|Sathish|COMPLETEAGENT|5|60|1`,
  `${at(100)}|NONE|sales|SIP/1002|ADDMEMBER|`,
  `${at(110)}|c2|sales|NONE|ENTERQUEUE||+441632960202|1`,
  `${at(120)}|c2|sales|Priya|CONNECT|10|c2-agent|3`,
  `${at(180)}|c2|sales|Priya|COMPLETECALLER|10|60|1`,
  `${at(200)}|NONE|sales|Sathish|PAUSE|lunch`,
  `${at(260)}|NONE|sales|Sathish|UNPAUSE|`,
  `${at(300)}|NONE|sales|Local/1001@from-queue/n|REMOVEMEMBER|`,
  `${at(300)}|NONE|sales|SIP/1002|REMOVEMEMBER|`,
];
/** The same people, but both members all along: nothing in the log tells them apart. */
const AMBIGUOUS = [PAIRED[0] ?? "", `${at(0)}|NONE|sales|SIP/1002|ADDMEMBER|`, ...PAIRED.slice(1).filter((l) => !l.startsWith(`${at(100)}|`))];

const opts = { tenantId: "t1", source: "asterisk://freepbx" };
const S = 1000;

function learn(lines: readonly string[]): LearnedAgents {
  const learner = new AgentPairLearner();
  lines.forEach((l, i) => {
    const p = parseLine(l, i + 1);
    if (p.kind === "record") learner.push(p.record);
  });
  return learner.result();
}

describe("agent identity on FreePBX-style logs", () => {
  it("learns which member name is which interface from who was a member when, and makes one agent per person", () => {
    const learned = learn(PAIRED);
    expect(Object.fromEntries(learned.pairs)).toEqual({ Sathish: "Local/1001@from-queue/n", Priya: "SIP/1002" });
    expect(learned.split).toEqual({ names: [], interfaces: [] });
    const { events, errors } = importQueueLog(PAIRED.join("\n"), { ...opts, agentId: agentNormaliser(new Map(), learned.pairs) });
    expect(errors).toEqual([]);
    expect([...new Set(events.flatMap((e) => (e.agentId ? [e.agentId] : [])))].sort()).toEqual(["1001", "1002"]);
    expect(stateTimeFromEvents(events)).toEqual({
      "1001": { ready: 180 * S, busy: 60 * S, not_ready: 60 * S, after_call_work: 0 },
      "1002": { ready: 140 * S, busy: 60 * S, not_ready: 0, after_call_work: 0 },
    });
  });

  it("warns when the log stays split, never counts a name's idle time, and takes a mapping file", () => {
    const learned = learn(AMBIGUOUS);
    expect(learned.pairs.size).toBe(0);
    expect(learned.split).toEqual({ names: ["Priya", "Sathish"], interfaces: ["Local/1001@from-queue/n", "SIP/1002"] });
    expect(splitWarning(learned.split)).toMatch(
      /Priya, Sathish take calls but never log on, Local\/1001@from-queue\/n, SIP\/1002 log on but never take a call.*--agents FILE/,
    );

    // Unmapped: four agents. The names were never seen logging on, so only their calls are
    // intervals (busy 60 s each); Sathish's pause and the ready spans around it count nowhere.
    const split = importQueueLog(AMBIGUOUS.join("\n"), opts);
    const time = stateTimeFromEvents(split.events);
    expect(time["Sathish"]).toEqual({ ready: 0, busy: 60 * S, not_ready: 0, after_call_work: 0 });
    expect(time["Priya"]).toEqual({ ready: 0, busy: 60 * S, not_ready: 0, after_call_work: 0 });
    // The interfaces: logged on +0..+300 and never busy -> ready 300 s each.
    expect(time["1001"]).toEqual({ ready: 300 * S, busy: 0, not_ready: 0, after_call_work: 0 });

    // With the mapping file, the same numbers as when the log showed the pairing (except
    // 1002's ready, now from +0: 120 + 120 = 240 s).
    const map = parseAgentMap("# name = agent id\nSathish = 1001\n\nPriya = 1002\n");
    const mapped = importQueueLog(AMBIGUOUS.join("\n"), { ...opts, agentId: agentNormaliser(map, new Map()) });
    expect(stateTimeFromEvents(mapped.events)).toEqual({
      "1001": { ready: 180 * S, busy: 60 * S, not_ready: 60 * S, after_call_work: 0 },
      "1002": { ready: 240 * S, busy: 60 * S, not_ready: 0, after_call_work: 0 },
    });
  });

  it("refuses a mapping file line it cannot read, naming the line", () => {
    expect(() => parseAgentMap("Sathish = 1001\nPriya 1002\n", "agents.txt")).toThrow(/agents.txt line 2: expected "<agent as written in queue_log> = <agent id>"/);
  });
});
