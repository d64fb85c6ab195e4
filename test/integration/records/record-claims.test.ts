import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Conflict } from "@/lib/errors/domain-errors";
import { QUEUE_DEFINITION_RECORD, type QueueSettings } from "@/lib/queue-settings/queue-definition-record";
import { applyClaim } from "@/lib/records/apply-claim";
import { claimToken } from "@/lib/records/claim-keys";
import { claimVersion, latestClaim } from "@/lib/records/claim-version";
import { currentRecord } from "@/lib/records/current-record";
import { editRecordUnlocked } from "@/lib/records/edit-record";
import type { Claim } from "@/lib/records/record-kind";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { insertQueue } from "../kpi/scenario";

const actor = { id: "u1", name: "Ann Admin", role: "admin" };
const KIND = QUEUE_DEFINITION_RECORD.kind;
const settings = (slThresholdS: number): QueueSettings => ({
  name: "Queue one",
  slThresholdS,
  slVariant: "answered_within_over_answered",
  shortAbandonS: 5,
  shortAbandonRule: "below",
  maxWaitS: 0,
  slTargetPct: 80,
});
const claimOf = (version: number, slThresholdS: number): Claim<QueueSettings> => ({
  version,
  editId: randomUUID(),
  at: Date.UTC(2026, 0, 5, 9) + version,
  actor,
  before: settings(20),
  state: settings(slThresholdS),
});

async function queueWithVersion1(): Promise<{ tenantId: string; key: { tenantId: string; recordId: string } }> {
  const { ch } = await testStore();
  const tenantId = freshTenant("rec");
  await insertQueue(ch, { tenantId, queueId: "q1", ...settings(20), definitionVersion: 1, updatedAt: Date.UTC(2026, 0, 1) });
  return { tenantId, key: { tenantId, recordId: "q1" } };
}

async function auditRows(tenantId: string): Promise<{ details: string }[]> {
  const { ch } = await testStore();
  return queryRows(ch, "SELECT details FROM audit_log WHERE tenant_id = {t:String}", { t: tenantId });
}

describe("claiming a version in the store", () => {
  it("picks exactly one of two independent writers, and keeps it against a later claim", async () => {
    const { ch } = await testStore();
    const { key } = await queueWithVersion1();
    // Two writers that share no lock (as two web servers would), claiming version 2 at once.
    const a = claimOf(2, 11);
    const b = claimOf(2, 12);
    const won = await Promise.all([claimVersion(ch, KIND, key, a), claimVersion(ch, KIND, key, b)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = won[0] ? a : b;
    // A third writer arriving after both have finished loses too.
    expect(await claimVersion(ch, KIND, key, claimOf(2, 13))).toBe(false);
    const stored = await queryRows<{ edit_id: string }>(
      ch,
      "SELECT toString(edit_id) AS edit_id FROM record_versions WHERE tenant_id = {t:String} AND kind = {k:String} AND record_id = 'q1'",
      { t: key.tenantId, k: KIND },
    );
    expect(stored).toEqual([{ edit_id: winner.editId }]);
    expect(await latestClaim(ch, KIND, key, QUEUE_DEFINITION_RECORD.stateSchema)).toEqual(winner);
  });

  it("keeps the first claim the winner even if a duplicate got past the deduplication window", async () => {
    const { ch } = await testStore();
    const { key } = await queueWithVersion1();
    const first = claimOf(2, 11);
    expect(await claimVersion(ch, KIND, key, first)).toBe(true);
    // What a lapsed window would let through: the same version under a token ClickHouse has not seen.
    const late = claimOf(2, 12);
    await ch.insert({
      table: "record_versions",
      format: "JSONEachRow",
      clickhouse_settings: { insert_deduplication_token: `${claimToken(KIND, key, 2)}-lapsed` },
      values: [{ tenant_id: key.tenantId, kind: KIND, record_id: "q1", version: 2, edit_id: late.editId, at: late.at, before: "{}", state: JSON.stringify(late.state) }],
    });
    expect((await latestClaim(ch, KIND, key, QUEUE_DEFINITION_RECORD.stateSchema))?.editId).toBe(first.editId);
  });

  it("lets exactly one of eight lock-free edits of the same version through", async () => {
    const { ch } = await testStore();
    const { tenantId, key } = await queueWithVersion1();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        editRecordUnlocked(ch, QUEUE_DEFINITION_RECORD, { ...key, expectedVersion: 1, actor, change: (s) => ({ ...s, slThresholdS: 30 + i }) }),
      ),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const e of lost) expect(e).toBeInstanceOf(Conflict);
    expect(lost).toEqual(Array.from({ length: 7 }, () => expect.objectContaining({ currentVersion: 2 })));
    const current = await currentRecord(ch, QUEUE_DEFINITION_RECORD, key);
    expect(current).toMatchObject({ version: 2, state: won[0]?.after.state });
    expect(await auditRows(tenantId)).toHaveLength(1);
  });
});

describe("a winner that died after its claim", () => {
  it("is finished by the next reader: projection and audit row, once", async () => {
    const { ch } = await testStore();
    const { tenantId, key } = await queueWithVersion1();
    const claim = claimOf(2, 9);
    expect(await claimVersion(ch, KIND, key, claim)).toBe(true);
    // ... and nothing else: the queues row still says version 1.
    expect(await QUEUE_DEFINITION_RECORD.readProjection(ch, key)).toMatchObject({ version: 1, state: settings(20) });

    expect(await currentRecord(ch, QUEUE_DEFINITION_RECORD, key)).toEqual({ version: 2, state: settings(9), at: claim.at });
    expect(await QUEUE_DEFINITION_RECORD.readProjection(ch, key)).toEqual({ version: 2, state: settings(9), at: claim.at });
    expect(await currentRecord(ch, QUEUE_DEFINITION_RECORD, key)).toMatchObject({ version: 2 });
    const audit = await auditRows(tenantId);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? "")).toEqual({
      actorName: "Ann Admin",
      before: {
        slThresholdS: 20,
        slVariant: "answered_within_over_answered",
        shortAbandonS: 5,
        shortAbandonRule: "below",
        maxWaitS: 0,
        slTargetPct: 80,
        definitionVersion: 1,
      },
      after: {
        slThresholdS: 9,
        slVariant: "answered_within_over_answered",
        shortAbandonS: 5,
        shortAbandonRule: "below",
        maxWaitS: 0,
        slTargetPct: 80,
        definitionVersion: 2,
      },
    });
  });

  it("is finished once when the writer and a repair (or two repairs) race", async () => {
    const { ch } = await testStore();
    const { tenantId, key } = await queueWithVersion1();
    const claim = claimOf(2, 9);
    expect(await claimVersion(ch, KIND, key, claim)).toBe(true);
    await Promise.all([
      applyClaim(ch, QUEUE_DEFINITION_RECORD, key, claim),
      currentRecord(ch, QUEUE_DEFINITION_RECORD, key),
      currentRecord(ch, QUEUE_DEFINITION_RECORD, key),
    ]);
    expect(await auditRows(tenantId)).toHaveLength(1);
    expect(await QUEUE_DEFINITION_RECORD.readProjection(ch, key)).toMatchObject({ version: 2, state: settings(9) });
  });

  it("makes an editor of the old version reload, then the next edit builds on the claimed one", async () => {
    const { ch } = await testStore();
    const { tenantId, key } = await queueWithVersion1();
    expect(await claimVersion(ch, KIND, key, claimOf(2, 9))).toBe(true);
    const edit = (expectedVersion: number, slThresholdS: number) =>
      editRecordUnlocked(ch, QUEUE_DEFINITION_RECORD, { ...key, expectedVersion, actor, change: (s) => ({ ...s, slThresholdS }) });
    await expect(edit(1, 15)).rejects.toMatchObject({ kind: "conflict", currentVersion: 2 });
    const next = await edit(2, 15);
    expect(next.before).toMatchObject({ version: 2, state: settings(9) });
    expect(next.after).toMatchObject({ version: 3, state: settings(15) });
    expect(await QUEUE_DEFINITION_RECORD.readProjection(ch, key)).toMatchObject({ version: 3, state: settings(15) });
    expect(await auditRows(tenantId)).toHaveLength(2);
  });
});
