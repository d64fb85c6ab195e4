import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IngestPipeline } from "@/ingest/pipeline";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { redactionSettings, transcription, updateRedactionSettingsEndpoint } from "@/lib/api/endpoints/speech";
import { parseParams } from "@/lib/api/parse-request";
import type { SessionUser } from "@/lib/auth/session";
import { Conflict, Forbidden, OutOfScope } from "@/lib/errors/domain-errors";
import { activeRedactionPolicy } from "@/lib/redaction/active-policy";
import { freshTenant, queryRows, testStore } from "../helpers/store";

const admin: SessionUser = { id: "admin", name: "Admin", role: "admin" };
const qa: SessionUser = { id: "qa1", name: "QA", role: "qa" };
const otherQueue: SessionUser = { id: "sup", name: "Sup", role: "supervisor", scope: { teams: [], queues: ["sales"] } };

async function ask(endpoint: AnyEndpoint, tenantId: string, user: SessionUser, pathParams: Record<string, string> = {}, body?: unknown) {
  const { ch } = await testStore();
  const params = parseParams(endpoint, new URLSearchParams(), pathParams);
  return endpoint.run({ ch, tenantId, user, signal: new AbortController().signal }, params, endpoint.body ? endpoint.body.parse(body) : undefined);
}

describe("GET /api/transcriptions/[recordingId]", () => {
  it("answers the status in scope, and 404 alike for a recording out of scope and an unknown one", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("tx");
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    const event = {
      specVersion: "1.0",
      id: randomUUID(),
      source: "pbx",
      tenantId,
      callId: "c1",
      queueId: "support",
      legId: "c1.1",
      type: "recording.started",
      time: Date.UTC(2026, 0, 9),
      data: { recordingId: "r1" },
    };
    await pipeline.ingest([{ payload: { object: event }, origin: { source: "test" } }]);
    expect(await ask(transcription, tenantId, qa, { recordingId: "r1" })).toMatchObject({ state: "none", message: "" });
    await expect(ask(transcription, tenantId, otherQueue, { recordingId: "r1" })).rejects.toBeInstanceOf(OutOfScope);
    await expect(ask(transcription, tenantId, qa, { recordingId: "nope" })).rejects.toBeInstanceOf(OutOfScope);
  });
});

describe("/api/admin/redaction", () => {
  it("reads the defaults, saves a change as the next version with an audit row, and the pipeline applies it", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("rs");
    expect(await ask(redactionSettings, tenantId, admin)).toMatchObject({
      version: 0,
      kinds: { card_number: true, security_code: true, expiry: true },
      keepOriginal: false,
    });
    const change = { kinds: { card_number: true, security_code: false, expiry: true }, keepOriginal: true, expectedVersion: 0 };
    const saved = await ask(updateRedactionSettingsEndpoint, tenantId, admin, {}, change);
    expect(saved).toMatchObject({ changed: true, after: { version: 1, keepOriginal: true, kinds: { security_code: false } } });
    expect(activeRedactionPolicy(tenantId)).toEqual({ kinds: change.kinds, keepOriginal: true });
    await expect(ask(updateRedactionSettingsEndpoint, tenantId, admin, {}, change)).rejects.toBeInstanceOf(Conflict);
    const audit = await queryRows<{ action: string }>(ch, "SELECT action FROM audit_log WHERE tenant_id = {t:String}", { t: tenantId });
    expect(audit.map((a) => a.action)).toEqual(["redaction_settings.update"]);
    expect(await ask(redactionSettings, tenantId, admin)).toMatchObject({ version: 1, keepOriginal: true });
    await expect(ask(redactionSettings, tenantId, { ...admin, scope: { teams: ["x"], queues: [] } })).rejects.toBeInstanceOf(Forbidden);
  });
});
