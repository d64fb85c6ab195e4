import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { isCommandFailed, withDeadline } from "./commands";
import { getTelephony } from "./registry";

/** One audit row of a command, before the writer adds tenant, id and time. */
export type CommandAuditRow = { actor: Actor; action: string; target: string; details: Record<string, unknown> };

/**
 * A command on the floor under its deadline, with one audit row whatever the outcome (a
 * refused or failed attempt to act on someone's call or state is as much the log's
 * business as a successful one): the details, the platform, and what `outcome` makes
 * of the result or the failure's code and message. `write` stores the row.
 */
export async function runAudited<T>(
  write: (row: CommandAuditRow) => Promise<void>,
  row: CommandAuditRow,
  o: { platform: string; what: string; deadlineMs?: number },
  run: (signal: AbortSignal) => Promise<T>,
  outcome: (result: T) => Record<string, unknown>,
): Promise<T> {
  const written = (result: Record<string, unknown>) => write({ ...row, details: { ...row.details, platform: o.platform, ...result } });
  try {
    const result = await withDeadline(run, o.deadlineMs, o.what);
    await written(outcome(result));
    return result;
  } catch (e) {
    if (isCommandFailed(e)) await written({ failed: e.code, error: e.message });
    throw e;
  }
}

export type CommandAudit = CommandAuditRow & { tenantId: string };

/** runAudited with the row written to the store's audit log, for the platform in use. */
export function auditedCommand<T>(
  ch: ClickHouseClient,
  audit: CommandAudit,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
  outcome: (result: T) => Record<string, unknown>,
): Promise<T> {
  const { tenantId, ...row } = audit;
  const write = (r: CommandAuditRow) => writeAudit(ch, { tenantId, id: randomUUID(), at: Date.now(), ...r });
  return runAudited(write, row, { platform: getTelephony().name, what }, run, outcome);
}
