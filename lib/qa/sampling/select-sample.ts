import { eligible, type Candidate, type SamplingRule } from "./sampling-rule";

/**
 * Picks the calls to evaluate. Pure and deterministic for a seed:
 *
 * - only calls the rule admits, never a call already assigned (`taken`), and no
 *   call twice (a call with several legs counts once, for its first agent in order);
 * - per agent, `perAgent` less what the agent already has assigned in the period,
 *   or all of the agent's eligible calls if fewer;
 * - which of an agent's calls: a seeded shuffle (mulberry32 seeded by a hash of the
 *   seed and the agent id), so adding another agent's calls does not change this
 *   agent's pick;
 * - evaluators in turn over the picks (agents in id order), so each gets the same
 *   number of calls, give or take one.
 */

export type Pick = { callId: string; legId: string; agentId: string; queueId: string; teamId: string; at: number; evaluatorId: string };

export function selectSample(p: {
  candidates: readonly Candidate[];
  rule: SamplingRule;
  seed: string;
  taken: ReadonlySet<string>;
  assignedPerAgent: ReadonlyMap<string, number>;
}): Pick[] {
  const byAgent = new Map<string, Candidate[]>();
  const seen = new Set(p.taken);
  const sorted = [...p.candidates].sort((a, b) => a.agentId.localeCompare(b.agentId) || a.callId.localeCompare(b.callId) || a.legId.localeCompare(b.legId));
  for (const c of sorted) {
    if (seen.has(c.callId) || !eligible(p.rule, c)) continue;
    seen.add(c.callId);
    const list = byAgent.get(c.agentId) ?? [];
    list.push(c);
    byAgent.set(c.agentId, list);
  }
  const picks: Omit<Pick, "evaluatorId">[] = [];
  for (const [agentId, calls] of [...byAgent].sort(([a], [b]) => a.localeCompare(b))) {
    const need = p.rule.perAgent - (p.assignedPerAgent.get(agentId) ?? 0);
    if (need <= 0) continue;
    const random = mulberry32(fnv1a(`${p.seed}\u0000${agentId}`));
    const shuffled = [...calls];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as Candidate, shuffled[i] as Candidate];
    }
    for (const c of shuffled.slice(0, need)) picks.push({ callId: c.callId, legId: c.legId, agentId, queueId: c.queueId, teamId: c.teamId, at: c.at });
  }
  const evaluators = [...p.rule.evaluators];
  return picks.map((pick, i) => ({ ...pick, evaluatorId: evaluators[i % evaluators.length] as string }));
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A small seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
