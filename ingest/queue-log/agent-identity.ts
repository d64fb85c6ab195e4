import { defaultAgentId, type AgentIdNormaliser } from "./agent-id";
import type { QueueLogRecord } from "./record";

/**
 * One agent per person on logs that name members two ways.
 *
 * Asterisk writes ADDMEMBER/REMOVEMEMBER (and PENALTY) with the member's interface
 * (`SIP/1001`, `PJSIP/1001`, `Local/1001@from-queue/n`) unless
 * log_membername_as_agent is set, but CONNECT, COMPLETE*, RINGNOANSWER, the
 * transfers and (since 1.8) PAUSE/UNPAUSE with the member name ("Sathish"). Stock
 * FreePBX and Issabel leave the option off, so without help one person becomes two
 * agents: the interface logs on and never takes a call, the name takes calls and
 * is never logged on.
 *
 * No line carries both. What pairs them is time: a name's call lines in queue Q
 * happen only while its own interface is a member of Q. The learner keeps, for each
 * name, the interfaces that were members of the line's queue every time the name
 * appeared (an intersection), then pairs a name left with exactly one candidate and
 * removes that interface from the other names' candidates, repeating until nothing
 * changes. A name it cannot pin down stays itself, and `split` reports the log as
 * split so the importer can say so (and point at the mapping file).
 */

const INTERFACE = /^[A-Za-z][A-Za-z0-9_]*\//;

export function isInterface(agent: string): boolean {
  return INTERFACE.test(agent.trim());
}

/** Names on call lines that never log on, and interfaces that log on but never take a call, left unpaired. */
export type AgentSplit = { names: string[]; interfaces: string[] };
export type LearnedAgents = { pairs: Map<string, string>; split: AgentSplit };

export class AgentPairLearner {
  /** Interface -> queues it is a member of now. */
  private readonly membership = new Map<string, Set<string>>();
  private readonly loggedOn = new Set<string>();
  private readonly tookCalls = new Set<string>();
  /** Name -> interfaces that were members of the line's queue at each of its lines. */
  private readonly candidates = new Map<string, Set<string>>();

  push(r: QueueLogRecord): void {
    if (!("agent" in r)) return;
    const agent = r.agent.trim();
    if (isInterface(agent)) {
      if (r.event === "ADDMEMBER" || r.event === "AGENTLOGIN" || r.event === "AGENTCALLBACKLOGIN") {
        this.loggedOn.add(agent);
        if (r.queue !== undefined) this.queuesOf(agent).add(r.queue);
      } else if (r.event === "REMOVEMEMBER") {
        this.queuesOf(agent).delete(r.queue);
      } else if (r.event === "AGENTLOGOFF" || r.event === "AGENTCALLBACKLOGOFF") {
        this.queuesOf(agent).clear();
      } else if ("callId" in r) {
        this.tookCalls.add(agent);
      }
      return;
    }
    if ("callId" in r) this.tookCalls.add(agent);
    const queue = "queue" in r ? r.queue : undefined;
    // Only lines Asterisk writes while the member belongs to the queue narrow the candidates.
    if (queue === undefined || r.event === "ADDMEMBER" || r.event === "REMOVEMEMBER") return;
    const present = new Set<string>();
    for (const [iface, queues] of this.membership) if (queues.has(queue)) present.add(iface);
    const before = this.candidates.get(agent);
    this.candidates.set(agent, before ? new Set([...before].filter((i) => present.has(i))) : present);
  }

  result(): LearnedAgents {
    const pairs = new Map<string, string>();
    const open = new Map([...this.candidates].map(([name, c]) => [name, new Set(c)]));
    // A name whose extension is an interface's already shares its id (defaultAgentId): nothing to learn.
    for (const name of [...open.keys()]) if (defaultAgentId(name) !== name) open.delete(name);
    for (let changed = true; changed;) {
      changed = false;
      for (const [name, c] of open) {
        if (c.size !== 1) continue;
        const [iface] = [...c] as [string];
        pairs.set(name, iface);
        open.delete(name);
        for (const other of open.values()) other.delete(iface);
        changed = true;
      }
    }
    const paired = new Set(pairs.values());
    const names = [...this.tookCalls].filter((a) => !isInterface(a) && !pairs.has(a) && !this.loggedOn.has(a) && defaultAgentId(a) === a).sort();
    const interfaces = [...this.loggedOn].filter((i) => !paired.has(i) && !this.tookCalls.has(i)).sort();
    return { pairs, split: names.length > 0 && interfaces.length > 0 ? { names, interfaces } : { names: [], interfaces: [] } };
  }

  private queuesOf(iface: string): Set<string> {
    let q = this.membership.get(iface);
    if (!q) {
      q = new Set();
      this.membership.set(iface, q);
    }
    return q;
  }
}

/**
 * A mapping file: one `written = agent id` per line, where `written` is the agent
 * field exactly as the log has it (a member name or an interface); blank lines and
 * lines starting with # are skipped. Throws with the line number on anything else.
 */
export function parseAgentMap(text: string, file = "agent map"): Map<string, string> {
  const map = new Map<string, string>();
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const at = line.indexOf("=");
    const written = at < 0 ? "" : line.slice(0, at).trim();
    const id = at < 0 ? "" : line.slice(at + 1).trim();
    if (written === "" || id === "" || id.length > 128)
      throw new Error(`${file} line ${i + 1}: expected "<agent as written in queue_log> = <agent id>" (id 1-128 characters), got '${line}'`);
    map.set(written, id);
  });
  return map;
}

/** The mapping file first, then a learned pair (as its interface's id), then the default. */
export function agentNormaliser(map: ReadonlyMap<string, string>, learned: ReadonlyMap<string, string>): AgentIdNormaliser {
  return (agent) => {
    const written = agent.trim();
    const mapped = map.get(written);
    if (mapped !== undefined) return mapped;
    const iface = learned.get(written);
    return defaultAgentId(iface === undefined ? written : (map.get(iface) ?? iface));
  };
}

/** The warning the importer prints when the log still looks split. */
export function splitWarning(split: AgentSplit): string | undefined {
  if (split.names.length === 0) return undefined;
  const few = (list: string[]) => list.slice(0, 5).join(", ") + (list.length > 5 ? `, … (${list.length})` : "");
  return (
    `warning: this queue_log names agents two ways: ${few(split.names)} take calls but never log on, ` +
    `${few(split.interfaces)} log on but never take a call. They are likely the same people (Asterisk writes the ` +
    `interface on ADDMEMBER/REMOVEMEMBER and the member name on call lines unless log_membername_as_agent=yes). ` +
    `Pass --agents FILE with one "<name> = <interface or agent id>" per line (docs/events.md, "queue_log agents").`
  );
}
