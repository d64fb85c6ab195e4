import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import { currentRecord } from "@/lib/records/current-record";
import { editRecord } from "@/lib/records/edit-record";
import type { RecordKind, Versioned } from "@/lib/records/record-kind";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import { setActiveRedactionPolicy, setDefaultRedactionPolicy } from "./active-policy";
import { DEFAULT_REDACTION_POLICY, type RedactionPolicy } from "./kinds";

/**
 * The tenant's redaction settings as an edited record (lib/records): versioned, one
 * winner per version, an audit row per change. redaction_settings (migration 0021) is
 * the projection. A tenant never configured is version 0 with the defaults: every
 * kind on, originals kept as REDACTION_KEEP_ORIGINAL says.
 */

export const REDACTION_SETTINGS_ACTION = "redaction_settings.update";
const RECORD_ID = "redaction";

const READ_SQL = `
SELECT version, toUnixTimestamp64Milli(updated_at) AS at, card_number, security_code, expiry, keep_original
FROM redaction_settings FINAL WHERE tenant_id = {tenantId:String}`;

const rowSchema = z.object({ version: sqlNumber, at: sqlNumber, card_number: sqlNumber, security_code: sqlNumber, expiry: sqlNumber, keep_original: sqlNumber });

const policySchema = z.object({
  kinds: z.object({ card_number: z.boolean(), security_code: z.boolean(), expiry: z.boolean() }),
  keepOriginal: z.boolean(),
});

export const redactionSettingsChangeSchema = policySchema.extend({
  /** The version the editor saw; a later one means someone else changed it meanwhile (409). */
  expectedVersion: z.number().int().min(0).optional(),
});
export type RedactionSettingsChange = z.infer<typeof redactionSettingsChangeSchema>;

const same = (a: RedactionPolicy, b: RedactionPolicy) =>
  a.keepOriginal === b.keepOriginal &&
  a.kinds.card_number === b.kinds.card_number &&
  a.kinds.security_code === b.kinds.security_code &&
  a.kinds.expiry === b.kinds.expiry;

export function redactionSettingsRecord(keepOriginalByDefault: boolean): RecordKind<RedactionPolicy> {
  return {
    kind: "redaction_settings",
    describe: () => "the redaction settings",
    stateSchema: policySchema,
    sameState: same,
    async readProjection(ch, key) {
      const [row] = await queryRows(ch, READ_SQL, { tenantId: key.tenantId }, rowSchema);
      if (!row) return { version: 0, at: 0, state: { ...DEFAULT_REDACTION_POLICY, keepOriginal: keepOriginalByDefault } };
      return {
        version: row.version,
        at: row.at,
        state: { kinds: { card_number: row.card_number === 1, security_code: row.security_code === 1, expiry: row.expiry === 1 }, keepOriginal: row.keep_original === 1 },
      };
    },
    async writeProjection(ch, key, v, actor) {
      await storeInsert(ch, "redaction_settings", [
        {
          tenant_id: key.tenantId,
          version: v.version,
          card_number: v.state.kinds.card_number ? 1 : 0,
          security_code: v.state.kinds.security_code ? 1 : 0,
          expiry: v.state.kinds.expiry ? 1 : 0,
          keep_original: v.state.keepOriginal ? 1 : 0,
          updated_by: actor.id || actor.name,
          updated_at: v.at,
        },
      ]);
    },
    audit: {
      action: REDACTION_SETTINGS_ACTION,
      target: () => "redaction",
      details: (before, after) => ({ before: before.state, after: after.state, version: after.version }),
    },
  };
}

export type RedactionSettings = RedactionPolicy & { version: number; updatedAt: number };
const view = (v: Versioned<RedactionPolicy>): RedactionSettings => ({ ...v.state, version: v.version, updatedAt: v.at });

/** The tenant's settings, and this process's pipeline brought up to them. */
export async function readRedactionSettings(ch: ClickHouseClient, tenantId: string, keepOriginalByDefault: boolean): Promise<RedactionSettings> {
  const current = await currentRecord(ch, redactionSettingsRecord(keepOriginalByDefault), { tenantId, recordId: RECORD_ID });
  setActiveRedactionPolicy(tenantId, current.state);
  return view(current);
}

/** An admin's change; the pipeline of this process applies it from the next batch on. */
export async function updateRedactionSettings(
  ch: ClickHouseClient,
  tenantId: string,
  change: RedactionSettingsChange,
  actor: Actor,
  keepOriginalByDefault: boolean,
): Promise<{ changed: boolean; before: RedactionSettings; after: RedactionSettings }> {
  const { expectedVersion, ...policy } = redactionSettingsChangeSchema.parse(change);
  const r = await editRecord(ch, redactionSettingsRecord(keepOriginalByDefault), { tenantId, recordId: RECORD_ID, expectedVersion, actor, change: () => policy });
  setActiveRedactionPolicy(tenantId, r.after.state);
  return { changed: r.changed, before: view(r.before), after: view(r.after) };
}

/**
 * Loads the tenant's policy into this process's pipeline now and every `everyMs`, so a
 * change saved through another process (a second web server) reaches this one's ingest.
 * Until the first load, the default policy (everything masked) applies.
 */
export function keepRedactionPolicyFresh(
  ch: ClickHouseClient,
  tenantId: string,
  keepOriginalByDefault: boolean,
  everyMs: number,
  log: (line: string) => void,
): () => void {
  setDefaultRedactionPolicy({ ...DEFAULT_REDACTION_POLICY, keepOriginal: keepOriginalByDefault });
  const load = () => readRedactionSettings(ch, tenantId, keepOriginalByDefault).catch((e: unknown) => log(`redaction: settings not loaded: ${(e as Error).message}`));
  void load();
  const timer = setInterval(load, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
