import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { CommandFailed, withDeadline, type AgentStateCommand, type AgentStateResult } from "./commands";
import { getTelephony, requireCommand } from "./registry";

/**
 * A supervisor sets an agent's state through the platform: the command under its
 * deadline, and one audit row whatever the outcome (a refused or failed attempt to
 * act on someone's state is as much the log's business as a successful one). The
 * state change itself reaches the store as the platform's own agent events.
 */
export async function setAgentState(ch: ClickHouseClient, tenantId: string, actor: Actor, command: AgentStateCommand): Promise<AgentStateResult> {
  const platform = getTelephony().name;
  const audit = (outcome: Record<string, unknown>) =>
    writeAudit(ch, {
      tenantId,
      id: randomUUID(),
      at: Date.now(),
      actor,
      action: "agent.state_set",
      target: `agent:${command.agentId}`,
      details: { state: command.state, ...(command.state === "not_ready" ? { reason: command.reason } : {}), platform, ...outcome },
    });
  try {
    const run = requireCommand("setAgentState");
    const result = await withDeadline((signal) => run(command, signal), undefined, "setting an agent's state");
    await audit({ applied: result.applied });
    return result;
  } catch (e) {
    if (e instanceof CommandFailed) await audit({ failed: e.code, error: e.message });
    throw e;
  }
}
