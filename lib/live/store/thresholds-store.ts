import type { ClickHouseClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { QueueThresholds, ThresholdSettings } from "../thresholds";
import type { ThresholdsUpdate } from "../thresholds-schema";

const READ_SQL = `
SELECT queue_id, wait_warning_s, wait_critical_s, waiting_warning, waiting_critical, sl_warning_pct, sl_critical_pct
FROM wallboard_thresholds FINAL
WHERE tenant_id = {tenant:String}`;

const num = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().finite());
const rowSchema = z.object({
  queue_id: z.string(),
  wait_warning_s: num,
  wait_critical_s: num,
  waiting_warning: num,
  waiting_critical: num,
  sl_warning_pct: num,
  sl_critical_pct: num,
});

export const THRESHOLDS_AUDIT_ACTION = "wallboard_thresholds.update";

export async function loadThresholds(ch: ClickHouseClient, tenantId: string): Promise<ThresholdSettings> {
  const rs = await ch.query({ query: READ_SQL, query_params: { tenant: tenantId }, format: "JSONEachRow" });
  const rows = z.array(rowSchema).parse(await rs.json());
  return new Map(
    rows.map((r): [string, QueueThresholds] => [
      r.queue_id,
      {
        longestWaitS: { warning: r.wait_warning_s, critical: r.wait_critical_s },
        waiting: { warning: r.waiting_warning, critical: r.waiting_critical },
        serviceLevelPct: { warning: r.sl_warning_pct, critical: r.sl_critical_pct },
      },
    ]),
  );
}

/** Stores one queue's (or the default's) thresholds and records who changed them from what. */
export async function saveThresholds(
  ch: ClickHouseClient,
  tenantId: string,
  update: ThresholdsUpdate,
  actor: { id: string; name: string; role: string },
  before: QueueThresholds,
): Promise<void> {
  const t = update.thresholds;
  const at = Date.now();
  // Own tokens: on embedded chDB a token set by an earlier insert (the pipeline's) stays in the shared
  // session, and a table with a deduplication window would drop this row as that batch's repeat.
  const fresh = () => ({ insert_deduplication_token: randomUUID() });
  await ch.insert({
    table: "wallboard_thresholds",
    format: "JSONEachRow",
    clickhouse_settings: fresh(),
    values: [
      {
        tenant_id: tenantId,
        queue_id: update.queueId,
        wait_warning_s: t.longestWaitS.warning,
        wait_critical_s: t.longestWaitS.critical,
        waiting_warning: t.waiting.warning,
        waiting_critical: t.waiting.critical,
        sl_warning_pct: t.serviceLevelPct.warning,
        sl_critical_pct: t.serviceLevelPct.critical,
        updated_by: actor.id || actor.name,
        updated_at: at,
      },
    ],
  });
  await ch.insert({
    table: "audit_log",
    format: "JSONEachRow",
    clickhouse_settings: fresh(),
    values: [
      {
        tenant_id: tenantId,
        id: randomUUID(),
        at,
        actor: actor.id || actor.name,
        role: actor.role,
        action: THRESHOLDS_AUDIT_ACTION,
        target: `queue:${update.queueId}`,
        details: JSON.stringify({ actorName: actor.name, before, after: t }),
      },
    ],
  });
}
