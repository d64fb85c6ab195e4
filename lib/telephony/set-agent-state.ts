import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { auditedCommand } from "./audited-command";
import type { AgentStateCommand, AgentStateResult } from "./commands";
import { requireCommand } from "./registry";

/**
 * A supervisor sets an agent's state through the platform, audited whatever the outcome
 * (audited-command.ts). The state change itself reaches the store as the platform's own
 * agent events.
 */
export async function setAgentState(ch: ClickHouseClient, tenantId: string, actor: Actor, command: AgentStateCommand): Promise<AgentStateResult> {
  const details = { state: command.state, ...(command.state === "not_ready" ? { reason: command.reason } : {}) };
  const audit = { tenantId, actor, action: "agent.state_set", target: `agent:${command.agentId}`, details };
  return auditedCommand(
    ch,
    audit,
    "setting an agent's state",
    async (signal) => requireCommand("setAgentState")(command, signal),
    (result) => ({ applied: result.applied }),
  );
}
