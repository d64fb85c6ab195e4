import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { contactInScope } from "@/lib/auth/scope-access";
import { InvalidInput, OutOfScope } from "@/lib/errors/domain-errors";
import type { Caller } from "../evaluations/evaluation-actions";
import { listAssignments, writeAssignments } from "./assignments-store";
import { candidateCalls } from "./candidate-calls";
import type { SamplingRule } from "./sampling-rule";
import { selectSample, type Pick } from "./select-sample";

export const SAMPLING_AUDIT_ACTION = "qa.sampling.assign";

/**
 * Runs a rule over its period: reads the answered legs (within the caller's
 * scope), leaves out calls already assigned, picks with the seeded selection and
 * stores the assignments, audited as one row naming the rule and the counts.
 * `knownEvaluators` is the users who may evaluate (null when users are not kept
 * in a file and cannot be checked).
 */
export async function runSampling(
  ch: ClickHouseClient,
  c: Caller,
  rule: SamplingRule,
  knownEvaluators: ReadonlySet<string> | null,
): Promise<{ runId: string; seed: string; picks: Pick[]; truncated: boolean }> {
  if (knownEvaluators) {
    const unknown = rule.evaluators.filter((e) => !knownEvaluators.has(e));
    if (unknown.length > 0)
      throw new InvalidInput(`evaluators: ${unknown.map((u) => `"${u}"`).join(", ")} ${unknown.length === 1 ? "is not a user" : "are not users"} who may evaluate`);
  }
  if (c.access.queues !== null && rule.queues.some((q) => !c.access.queues?.has(q))) throw new OutOfScope();
  const queues = rule.queues.length > 0 || c.access.queues === null ? rule.queues : [...c.access.queues];
  const { candidates, truncated } = await candidateCalls(ch, { tenantId: c.tenantId, from: rule.from, to: rule.to, queues });
  const inScope = candidates.filter((x) => contactInScope(c.access, { queueId: x.queueId, agent: { teamId: x.teamId || null } }));
  const existing = await listAssignments(ch, { tenantId: c.tenantId, from: rule.from, to: rule.to });
  const assignedPerAgent = new Map<string, number>();
  for (const a of existing) assignedPerAgent.set(a.agentId, (assignedPerAgent.get(a.agentId) ?? 0) + 1);
  const runId = randomUUID();
  const seed = rule.seed ?? runId;
  const picks = selectSample({ candidates: inScope, rule, seed, taken: new Set(existing.map((a) => a.callId)), assignedPerAgent });
  const at = Date.now();
  await writeAssignments(ch, { tenantId: c.tenantId, runId, picks, rule: { ...rule, seed }, from: rule.from, to: rule.to, by: c.actor.name, at });
  await writeAudit(ch, {
    tenantId: c.tenantId,
    id: randomUUID(),
    at,
    actor: c.actor,
    action: SAMPLING_AUDIT_ACTION,
    target: `sampling:${runId}`,
    details: { rule: { ...rule, seed }, assigned: picks.length, agents: new Set(picks.map((p) => p.agentId)).size, truncated },
  });
  return { runId, seed, picks, truncated };
}
