import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAuditRows, type Actor, type AuditEntry } from "@/lib/audit/write-audit";

/** What the audit log says was done with a recording. */
export const RECORDING_AUDIT = {
  play: "recording.play",
  download: "recording.download",
  playOriginal: "recording.play_original",
  upload: "recording.upload",
  redact: "recording.redact",
  restore: "recording.restore",
  retentionDelete: "recording.retention_delete",
} as const;

export type RecordingAuditAction = (typeof RECORDING_AUDIT)[keyof typeof RECORDING_AUDIT];

/**
 * One audit row about one recording (target `recording:<id>`), resolved once it
 * is stored. Each act is its own, so the id is random. Rows asked for while an
 * insert is under way go together in the next one (group commit): twenty
 * listeners pressing play at once cost the store two inserts, not twenty queued
 * one behind another, and each caller still waits for its own row.
 */
export function auditRecording(
  ch: ClickHouseClient,
  tenantId: string,
  actor: Actor,
  action: RecordingAuditAction,
  recordingId: string,
  details: Record<string, unknown>,
): Promise<void> {
  return commit(ch, { tenantId, id: randomUUID(), at: Date.now(), actor, action, target: `recording:${recordingId}`, details });
}

type Waiting = { entry: AuditEntry; resolve: () => void; reject: (e: unknown) => void };
type Committer = { waiting: Waiting[]; running: boolean };
const committers = new WeakMap<ClickHouseClient, Committer>();

function commit(ch: ClickHouseClient, entry: AuditEntry): Promise<void> {
  let c = committers.get(ch);
  if (!c) committers.set(ch, (c = { waiting: [], running: false }));
  const committer = c;
  return new Promise<void>((resolve, reject) => {
    committer.waiting.push({ entry, resolve, reject });
    if (!committer.running) void drain(ch, committer);
  });
}

async function drain(ch: ClickHouseClient, c: Committer): Promise<void> {
  c.running = true;
  while (c.waiting.length > 0) {
    const batch = c.waiting.splice(0);
    try {
      await writeAuditRows(
        ch,
        batch.map((w) => w.entry),
      );
      for (const w of batch) w.resolve();
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
  c.running = false;
}
