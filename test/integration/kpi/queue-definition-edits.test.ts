import { describe, expect, it } from "vitest";
import { Conflict } from "@/lib/errors/domain-errors";
import { updateQueueDefinition } from "@/lib/queue-settings/update-queue-definition";
import { listDefinitionChanges } from "@/lib/audit/definition-changes";
import { heldKeyLocks } from "@/lib/records/key-lock";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { insertQueue } from "./scenario";

const actor = { id: "admin", name: "Demo Admin", role: "admin" };
const VARIANT = "answered_within_over_answered" as const;

async function queue(): Promise<string> {
  const { ch } = await testStore();
  const tenantId = freshTenant("qedit");
  await insertQueue(ch, {
    tenantId,
    queueId: "q1",
    name: "Queue one",
    slThresholdS: 20,
    slVariant: VARIANT,
    shortAbandonS: 5,
    definitionVersion: 1,
    updatedAt: Date.UTC(2026, 0, 1),
  });
  return tenantId;
}

async function stored(tenantId: string) {
  const { ch } = await testStore();
  const rows = await queryRows<{ sl_threshold_s: number; definition_version: number }>(
    ch,
    "SELECT sl_threshold_s, definition_version FROM queues FINAL WHERE tenant_id = {t:String} AND queue_id = 'q1'",
    { t: tenantId },
  );
  return rows.map((r) => ({ slThresholdS: Number(r.sl_threshold_s), version: Number(r.definition_version) }));
}

describe("concurrent changes of one queue's definition", () => {
  it("let exactly one of eight saves of the same version win; the others are told the current version", async () => {
    const { ch } = await testStore();
    const tenantId = await queue();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        updateQueueDefinition(ch, { tenantId, queueId: "q1", change: { slThresholdS: 30 + i, slVariant: VARIANT, shortAbandonS: 5, expectedVersion: 1 }, actor }),
      ),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const e of lost) {
      expect(e).toBeInstanceOf(Conflict);
      expect(e).toMatchObject({ currentVersion: 2, message: expect.stringMatching(/now version 2/) });
    }
    const winner = won[0];
    expect(winner?.after.definitionVersion).toBe(2);
    expect(await stored(tenantId)).toEqual([{ slThresholdS: winner?.after.slThresholdS, version: 2 }]);
    const changes = await listDefinitionChanges(ch, { tenantId });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      actor: "Demo Admin",
      queueId: "q1",
      before: { definitionVersion: 1 },
      after: { definitionVersion: 2, slThresholdS: winner?.after.slThresholdS },
    });
    expect(heldKeyLocks()).toBe(0);
  });

  it("count versions 2, 3, 4... when saves without an expected version queue up", async () => {
    const { ch } = await testStore();
    const tenantId = await queue();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        updateQueueDefinition(ch, { tenantId, queueId: "q1", change: { slThresholdS: 40 + i, slVariant: VARIANT, shortAbandonS: 5 }, actor }),
      ),
    );
    expect(results.map((r) => r.after.definitionVersion).sort()).toEqual([2, 3, 4, 5, 6]);
    const last = results.find((r) => r.after.definitionVersion === 6);
    expect(await stored(tenantId)).toEqual([{ slThresholdS: last?.after.slThresholdS, version: 6 }]);
    const changes = await listDefinitionChanges(ch, { tenantId });
    expect(changes.map((c) => [c.before.definitionVersion, c.after.definitionVersion])).toEqual([
      [5, 6],
      [4, 5],
      [3, 4],
      [2, 3],
      [1, 2],
    ]);
  });
});
