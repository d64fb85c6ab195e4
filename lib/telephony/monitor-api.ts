import { authSecret } from "@/lib/auth/secret";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { getEnv } from "@/lib/env";
import { Forbidden, NotFound, Unauthenticated } from "@/lib/errors/domain-errors";
import { requireLiveCallInScope } from "@/lib/live/call-in-scope";
import type { MonitorMode } from "./capabilities";
import { monitorSessions } from "./monitor-registry";
import type { MonitorActor, MonitorSummary } from "./monitor-sessions";
import { mintMonitorToken } from "./monitor-token";

/**
 * What the monitoring endpoints do (lib/api/endpoints/monitor.ts): the scope check
 * against the live floor, the session service, and the relay token the browser opens
 * its WebSocket with.
 */

export const MONITOR_WS_PATH = "/api/monitor/ws";

/** A started session, or a fresh ticket for it: where the relay is and the token to show it. */
export type MonitorTicket = { session: MonitorSummary; relay: { path: string; token: string; expiresAt: number } };

/** Every sign-in has its session id (lib/auth/session-hooks.ts); a token bound to the user alone would outlive a sign-out. */
function signInSession(user: SessionUser): string {
  if (!user.sessionId) throw new Unauthenticated("sign in again: this sign-in has no session to bind the monitoring token to");
  return user.sessionId;
}

function ticket(user: SessionUser, session: MonitorSummary): MonitorTicket {
  const { token, expiresAt } = mintMonitorToken(authSecret(getEnv()), { userId: user.id, authSessionId: signInSession(user), monitorSessionId: session.id }, Date.now());
  return { session, relay: { path: MONITOR_WS_PATH, token, expiresAt } };
}

/** `follow`: stay with the call's agent, joining each of their next calls (monitor-sessions.ts). */
export async function startMonitoring(
  actor: MonitorActor,
  user: SessionUser,
  access: ScopeAccess,
  request: { callId: string; mode: MonitorMode; follow?: boolean },
): Promise<MonitorTicket> {
  signInSession(user);
  requireLiveCallInScope(access, request.callId);
  // Summarised from the session itself: a call that cleared at once has ended it, and the socket will say so.
  return ticket(user, (await monitorSessions().start(actor, request, access)).summary());
}

/** A new token for a session of one's own (reconnecting after a drop: the first one may have expired). */
export function monitorTicket(actor: MonitorActor, user: SessionUser, sessionId: string): MonitorTicket {
  const entry = monitorSessions().get(sessionId);
  if (!entry) throw new NotFound("monitoring session");
  if (entry.owner.id !== actor.id) throw new Forbidden("connect to another supervisor's monitoring session");
  return ticket(user, entry.summary());
}

export async function changeMonitorMode(actor: MonitorActor, access: ScopeAccess, sessionId: string, mode: MonitorMode): Promise<MonitorSummary> {
  const entry = monitorSessions().get(sessionId);
  // A scope narrowed since the start: no more coaching on a call one no longer sees (stopping stays possible).
  const callId = entry?.callId();
  if (entry && callId && entry.owner.id === actor.id) requireLiveCallInScope(access, callId);
  return monitorSessions().setMode(actor, sessionId, mode);
}

export async function stopMonitoring(actor: MonitorActor, sessionId: string): Promise<{ stopped: true }> {
  await monitorSessions().stop(actor, sessionId);
  return { stopped: true };
}

export function myMonitorSessions(actor: MonitorActor): { sessions: MonitorSummary[] } {
  return { sessions: monitorSessions().mine(actor.id) };
}
