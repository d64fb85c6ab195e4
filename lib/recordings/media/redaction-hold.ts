import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { Conflict } from "@/lib/errors/domain-errors";
import { activeRedactionPolicy } from "@/lib/redaction/active-policy";
import { statusForViewer, transcriptionStatus } from "@/lib/speech/status";

/**
 * Stored audio of a real call (an upload or an import) can hold a card number read aloud
 * until its transcript has been searched and the spans silenced (server/speech.ts). Until
 * that transcription is done it is held from everyone but admins, who may hear originals
 * anyway; with redaction switched off on /admin/redaction nothing is held. Audio the
 * product renders (the simulator's) is silenced as it is rendered, so it is never held.
 */
export async function holdUntilRedacted(ch: ClickHouseClient, tenantId: string, recordingId: string, actor: Actor): Promise<void> {
  if (actor.role === "admin") return;
  const policy = activeRedactionPolicy(tenantId);
  if (!Object.values(policy.kinds).some(Boolean)) return;
  const status = statusForViewer(await transcriptionStatus(ch, tenantId, recordingId), false);
  if (status.state === "done") return;
  const why = status.state === "none" ? "it has not been queued for transcription" : status.message;
  throw new Conflict(`this recording is held until its transcript has been checked for card numbers (${why}); an admin can play it`);
}
