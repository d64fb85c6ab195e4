import type { ClickHouseClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { NotFound } from "@/lib/errors/domain-errors";
import { isLive } from "../sessions/session-record";
import { sessionRegistry } from "../sessions/process-registry";

/** One standing session as an admin sees it (times epoch ms). */
export type SessionView = {
  sessionId: string;
  provider: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  clientAddress: string;
  userAgent: string;
  /** The admin's own session (revoking it signs them out). */
  current: boolean;
};

export async function listUserSessions(userId: string, mySessionId: string | undefined): Promise<SessionView[]> {
  const now = Date.now();
  const records = await sessionRegistry().listForUser(userId);
  return records
    .filter((r) => isLive(r, now))
    .map((r) => ({
      sessionId: r.sid,
      provider: r.provider,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      expiresAt: r.expiresAt,
      clientAddress: r.clientAddress,
      userAgent: r.userAgent,
      current: r.sid === mySessionId,
    }));
}

/**
 * Ends one session at once (its open streams in this process close now, elsewhere
 * within seconds); audited. Revoked first, then audited: a failed audit write must
 * not leave a session standing that an admin meant to end.
 */
export async function revokeSession(ctx: { ch: ClickHouseClient; tenantId: string; actor: Actor }, sessionId: string): Promise<{ revoked: boolean }> {
  const before = await sessionRegistry().revoke(sessionId, `admin:${ctx.actor.id}`);
  if (!before) throw new NotFound(`session ${sessionId}`);
  const wasLive = isLive(before, Date.now());
  if (wasLive) {
    await writeAudit(ctx.ch, {
      tenantId: ctx.tenantId,
      id: randomUUID(),
      at: Date.now(),
      actor: ctx.actor,
      action: "session.revoke",
      target: `session:${sessionId}`,
      details: { user: before.userId, before: { revoked: false }, after: { revoked: true } },
    });
  }
  return { revoked: wasLive };
}
