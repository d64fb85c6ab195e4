import { describe, expect, it } from "vitest";
import { Conflict } from "@/lib/errors/domain-errors";
import { readThresholdSettings, updateThresholdSettings } from "@/lib/live/store/threshold-settings";
import { saveThresholds, THRESHOLDS_AUDIT_ACTION } from "@/lib/live/store/thresholds-record";
import { loadThresholds } from "@/lib/live/store/thresholds-store";
import { DEFAULT_THRESHOLDS } from "@/lib/live/thresholds";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { insertQueue } from "../kpi/scenario";

const actor = { id: "admin", name: "Ada Admin", role: "admin" };
const withWaiting = (warning: number) => ({ ...DEFAULT_THRESHOLDS, waiting: { warning, critical: warning + 10 } });

async function audit(tenantId: string): Promise<{ target: string; details: string }[]> {
  const { ch } = await testStore();
  return queryRows(ch, "SELECT target, details FROM audit_log WHERE tenant_id = {t:String} AND action = {a:String} ORDER BY at", {
    t: tenantId,
    a: THRESHOLDS_AUDIT_ACTION,
  });
}

describe("concurrent threshold saves", () => {
  it("let exactly one of eight saves of the same version win; the others are told the current version", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("thr-race");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => saveThresholds(ch, tenantId, { queueId: "support", thresholds: withWaiting(i), expectedVersion: 0 }, actor)),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const e of lost) {
      expect(e).toBeInstanceOf(Conflict);
      expect(e).toMatchObject({ currentVersion: 1, message: expect.stringMatching(/thresholds of queue "support".*now version 1/) });
    }
    expect(won[0]?.after.version).toBe(1);
    expect((await loadThresholds(ch, tenantId)).get("support")).toEqual(won[0]?.after.state);
    const rows = await audit(tenantId);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.details ?? "")).toEqual({ actorName: "Ada Admin", before: DEFAULT_THRESHOLDS, after: won[0]?.after.state, version: 1 });
  });
});

describe("the thresholds form's versions", () => {
  it("start at 0 without a row, read a row saved before versions as 1, and come back with each save", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("thr-ver");
    await insertQueue(ch, {
      tenantId,
      queueId: "sales",
      name: "Sales",
      slThresholdS: 20,
      slVariant: "answered_within_over_answered",
      shortAbandonS: 5,
      definitionVersion: 1,
      updatedAt: Date.UTC(2026, 0, 1),
    });
    // A default saved before migration 0015: no version column in the insert.
    await ch.insert({
      table: "wallboard_thresholds",
      format: "JSONEachRow",
      values: [
        {
          tenant_id: tenantId,
          queue_id: "*",
          wait_warning_s: 10,
          wait_critical_s: 20,
          waiting_warning: 1,
          waiting_critical: 2,
          updated_by: "old",
          updated_at: Date.UTC(2026, 0, 1),
        },
      ],
    });
    const before = await readThresholdSettings(ch, tenantId);
    expect(before.default).toMatchObject({ custom: true, version: 1 });
    expect(before.queues).toEqual([expect.objectContaining({ id: "sales", custom: false, version: 0, thresholds: before.default.thresholds })]);

    const saved = await updateThresholdSettings(ch, tenantId, { queueId: "sales", thresholds: withWaiting(4), expectedVersion: 0 }, actor);
    expect(saved).toMatchObject({ queueId: "sales", version: 1, changed: true, queues: [{ id: "sales", custom: true, version: 1, thresholds: withWaiting(4) }] });
    expect(saved.default).toEqual(before.default);

    // The same values again are no change; a stale version is refused; an unknown queue is not found.
    expect(await updateThresholdSettings(ch, tenantId, { queueId: "sales", thresholds: withWaiting(4), expectedVersion: 1 }, actor)).toMatchObject({
      version: 1,
      changed: false,
    });
    await expect(updateThresholdSettings(ch, tenantId, { queueId: "sales", thresholds: withWaiting(5), expectedVersion: 0 }, actor)).rejects.toMatchObject({
      kind: "conflict",
      currentVersion: 1,
    });
    await expect(updateThresholdSettings(ch, tenantId, { queueId: "nope", thresholds: withWaiting(5) }, actor)).rejects.toMatchObject({ kind: "not_found" });
    expect(await updateThresholdSettings(ch, tenantId, { queueId: "*", thresholds: withWaiting(6), expectedVersion: 1 }, actor)).toMatchObject({
      version: 2,
      default: { version: 2 },
    });
    expect((await audit(tenantId)).map((a) => a.target)).toEqual(["queue:sales", "queue:*"]);
  });
});
