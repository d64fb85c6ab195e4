import { describe, expect, it } from "vitest";
import { auditId, claimToken, lockKey } from "@/lib/records/claim-keys";

describe("claim keys", () => {
  it("keep tenant, kind, record and version apart, whatever the ids contain", () => {
    expect(claimToken("k", { tenantId: "a/b", recordId: "c" }, 1)).not.toBe(claimToken("k", { tenantId: "a", recordId: "b/c" }, 1));
    expect(claimToken("k", { tenantId: "t", recordId: "r" }, 1)).not.toBe(claimToken("k", { tenantId: "t", recordId: "r" }, 2));
    expect(claimToken("k1", { tenantId: "t", recordId: "r" }, 1)).not.toBe(claimToken("k2", { tenantId: "t", recordId: "r" }, 1));
    expect(lockKey("k", { tenantId: "t", recordId: "r" })).not.toBe(lockKey("k", { tenantId: "t", recordId: "r2" }));
  });

  it("derive one audit id per version, a valid version 8 UUID", () => {
    const key = { tenantId: "t", recordId: "q1" };
    expect(auditId("queue_definition", key, 2)).toBe(auditId("queue_definition", key, 2));
    expect(auditId("queue_definition", key, 2)).not.toBe(auditId("queue_definition", key, 3));
    expect(auditId("queue_definition", key, 2)).not.toBe(auditId("wallboard_thresholds", key, 2));
    expect(auditId("queue_definition", key, 2)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
