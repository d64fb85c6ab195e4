import { describe, expect, it } from "vitest";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { monitoringPolicies, updateMonitoringPolicy } from "@/lib/api/endpoints/monitoring-policy";
import { parseParams } from "@/lib/api/parse-request";
import type { SessionUser } from "@/lib/auth/session";
import { Conflict, OutOfScope } from "@/lib/errors/domain-errors";
import type { QueueMonitoringPolicy } from "@/lib/monitoring-policy/policy";
import { policyOf } from "@/lib/monitoring-policy/policy-store";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { insertQueue } from "../kpi/scenario";

/** Each queue's monitoring policy, as stored and edited: defaults until set, versions, conflicts, scope and the audit row. */
const admin: SessionUser = { id: "admin", name: "Ada Admin", role: "admin" };
const salesAdmin: SessionUser = { id: "admin2", name: "Sal", role: "admin", scope: { teams: [], queues: ["sales"] } };

async function centre(): Promise<string> {
  const { ch } = await testStore();
  const tenantId = freshTenant("mpol");
  const queues: readonly (readonly [string, string])[] = [
    ["sales", "Sales"],
    ["billing", "Billing"],
  ];
  for (const [queueId, name] of queues)
    await insertQueue(ch, {
      tenantId,
      queueId,
      name,
      slThresholdS: 20,
      slVariant: "answered_within_over_answered",
      shortAbandonS: 5,
      definitionVersion: 1,
      updatedAt: Date.UTC(2026, 0, 1),
    });
  return tenantId;
}

async function ask<R>(endpoint: AnyEndpoint, tenantId: string, user: SessionUser, pathParams: Record<string, string> = {}, body?: unknown): Promise<R> {
  const { ch } = await testStore();
  const params = parseParams(endpoint, new URLSearchParams(), pathParams);
  return (await endpoint.run({ ch, tenantId, user, signal: new AbortController().signal }, params, endpoint.body ? endpoint.body.parse(body) : undefined)) as R;
}

const strict = { monitoring: true, whisper: true, barge: false, notifyAgent: true, bargeTone: false };

describe("the monitoring policy per queue", () => {
  it("is the defaults until set, then each save is the next version, audited with before and after", async () => {
    const { ch } = await testStore();
    const tenantId = await centre();
    const listed = await ask<{ policies: QueueMonitoringPolicy[] }>(monitoringPolicies, tenantId, admin);
    expect(listed.policies.map((p) => [p.queueId, p.version, p.barge, p.notifyAgent])).toEqual([
      ["billing", 0, true, false],
      ["sales", 0, true, false],
    ]);

    const saved = await ask<QueueMonitoringPolicy>(updateMonitoringPolicy, tenantId, admin, { queueId: "billing" }, { ...strict, expectedVersion: 0 });
    expect(saved).toEqual({ queueId: "billing", ...strict, version: 1 });
    expect(await policyOf(ch, tenantId, "billing")).toEqual({ queueId: "billing", ...strict, version: 1 });
    expect(await policyOf(ch, tenantId, "sales")).toMatchObject({ barge: true, version: 0 });

    // Saved by someone else meanwhile: the stale form is refused with the version now current.
    await expect(ask(updateMonitoringPolicy, tenantId, admin, { queueId: "billing" }, { ...strict, barge: true, expectedVersion: 0 })).rejects.toMatchObject({
      constructor: Conflict,
      currentVersion: 1,
    });
    const again = await ask<QueueMonitoringPolicy>(updateMonitoringPolicy, tenantId, admin, { queueId: "billing" }, { ...strict, monitoring: false, expectedVersion: 1 });
    expect(again.version).toBe(2);

    const audit = await queryRows<{ action: string; target: string; details: string }>(
      ch,
      "SELECT action, target, details FROM audit_log WHERE tenant_id = {t:String} ORDER BY at",
      { t: tenantId },
    );
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ["monitoring.policy_changed", "queue:billing"],
      ["monitoring.policy_changed", "queue:billing"],
    ]);
    expect(JSON.parse(audit[1]?.details ?? "{}")).toMatchObject({ before: { monitoring: true, version: 1 }, after: { monitoring: false, version: 2 } });
  });

  it("keeps to the admin's scope, and knows no queue the centre does not have", async () => {
    const tenantId = await centre();
    const listed = await ask<{ policies: QueueMonitoringPolicy[] }>(monitoringPolicies, tenantId, salesAdmin);
    expect(listed.policies.map((p) => p.queueId)).toEqual(["sales"]);
    await expect(ask(updateMonitoringPolicy, tenantId, salesAdmin, { queueId: "billing" }, strict)).rejects.toBeInstanceOf(OutOfScope);
    await expect(ask(updateMonitoringPolicy, tenantId, admin, { queueId: "nowhere" }, strict)).rejects.toMatchObject({ kind: "not_found" });
  });
});
