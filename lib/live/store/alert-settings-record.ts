import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import { editRecord } from "@/lib/records/edit-record";
import type { RecordKind, Versioned } from "@/lib/records/record-kind";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from "../alert-settings";
import type { AlertSettingsUpdate } from "../alert-settings-schema";
import { getLiveFloor } from "../registry";

/**
 * The centre's wallboard alert limits as an edited record (lib/records): one record
 * per tenant, projected to wallboard_alert_settings (migration 0030). Never saved, it
 * is version 0 with the defaults; each save is the next version and one audit row.
 */

export const ALERT_SETTINGS_AUDIT_ACTION = "wallboard_alerts.update";
/** The record's id: the settings are the whole centre's. */
const RECORD_ID = "centre";

const READ_SQL = `
SELECT version, toUnixTimestamp64Milli(updated_at) AS at, not_ready_max_s, after_call_work_max_s, waiting_max_s, target_breach
FROM wallboard_alert_settings FINAL
WHERE tenant_id = {tenant:String}`;

const rowSchema = z.object({ version: num, at: num, not_ready_max_s: num, after_call_work_max_s: num, waiting_max_s: num, target_breach: num });

const storedSchema = z.object({ notReadyMaxS: z.number(), afterCallWorkMaxS: z.number(), waitingMaxS: z.number(), targetBreach: z.boolean() });

/** The settings in force and their version (0: never saved, the defaults). */
export async function readAlertSettings(ch: ClickHouseClient, tenantId: string): Promise<Versioned<AlertSettings>> {
  const [r] = await queryRows(ch, READ_SQL, { tenant: tenantId }, rowSchema);
  if (!r) return { version: 0, at: 0, state: DEFAULT_ALERT_SETTINGS };
  return {
    version: r.version,
    at: r.at,
    state: { notReadyMaxS: r.not_ready_max_s, afterCallWorkMaxS: r.after_call_work_max_s, waitingMaxS: r.waiting_max_s, targetBreach: r.target_breach !== 0 },
  };
}

export const ALERT_SETTINGS_RECORD: RecordKind<AlertSettings> = {
  kind: "wallboard_alerts",
  describe: () => "the wallboard's alert limits",
  stateSchema: storedSchema,
  sameState: (a, b) =>
    a.notReadyMaxS === b.notReadyMaxS && a.afterCallWorkMaxS === b.afterCallWorkMaxS && a.waitingMaxS === b.waitingMaxS && a.targetBreach === b.targetBreach,
  readProjection: (ch, key) => readAlertSettings(ch, key.tenantId),
  async writeProjection(ch, key, v, actor) {
    await storeInsert(ch, "wallboard_alert_settings", [
      {
        tenant_id: key.tenantId,
        not_ready_max_s: v.state.notReadyMaxS,
        after_call_work_max_s: v.state.afterCallWorkMaxS,
        waiting_max_s: v.state.waitingMaxS,
        target_breach: v.state.targetBreach ? 1 : 0,
        version: v.version,
        updated_by: actor.id || actor.name,
        updated_at: v.at,
      },
    ]);
  },
  audit: {
    action: ALERT_SETTINGS_AUDIT_ACTION,
    target: () => "wallboard:alerts",
    details: (before, after) => ({ before: before.state, after: after.state, version: after.version }),
  },
};

/** What the admin page shows and a save answers: the settings, their version and the built-in defaults. */
export type AlertSettingsResponse = { settings: AlertSettings; version: number; defaults: AlertSettings; changed?: boolean };

export async function alertSettingsForm(ch: ClickHouseClient, tenantId: string): Promise<AlertSettingsResponse> {
  const v = await readAlertSettings(ch, tenantId);
  return { settings: v.state, version: v.version, defaults: DEFAULT_ALERT_SETTINGS };
}

/** Saves the next version (Conflict when `expectedVersion` is not current) and hands it to this process's floor at once. */
export async function updateAlertSettings(ch: ClickHouseClient, tenantId: string, update: AlertSettingsUpdate, actor: Actor): Promise<AlertSettingsResponse> {
  const r = await editRecord(ch, ALERT_SETTINGS_RECORD, {
    tenantId,
    recordId: RECORD_ID,
    expectedVersion: update.expectedVersion,
    actor,
    change: () => update.settings,
  });
  // Open wallboards take the new limits with their next message.
  getLiveFloor()?.setAlertSettings(r.after.state);
  return { settings: r.after.state, version: r.after.version, defaults: DEFAULT_ALERT_SETTINGS, changed: r.changed };
}
