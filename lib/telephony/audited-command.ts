import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { CommandFailed, withDeadline } from "./commands";
import { getTelephony } from "./registry";

export type CommandAudit = { tenantId: string; actor: Actor; action: string; target: string; details: Record<string, unknown> };

/**
 * A command on the floor under its deadline, with one audit row whatever the outcome (a
 * refused or failed attempt to act on someone's call or state is as much the log's
 * business as a successful one): the details, the platform, and what `outcome` makes
 * of the result or the failure's code and message.
 */
export async function auditedCommand<T>(
  ch: ClickHouseClient,
  audit: CommandAudit,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
  outcome: (result: T) => Record<string, unknown>,
): Promise<T> {
  const platform = getTelephony().name;
  const write = (result: Record<string, unknown>) =>
    writeAudit(ch, {
      tenantId: audit.tenantId,
      id: randomUUID(),
      at: Date.now(),
      actor: audit.actor,
      action: audit.action,
      target: audit.target,
      details: { ...audit.details, platform, ...result },
    });
  try {
    const result = await withDeadline(run, undefined, what);
    await write(outcome(result));
    return result;
  } catch (e) {
    if (e instanceof CommandFailed) await write({ failed: e.code, error: e.message });
    throw e;
  }
}
