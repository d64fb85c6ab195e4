import { randomUUID } from "node:crypto";
import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { MonitorEnd } from "@/lib/telephony/monitor";
import type { PlatformContext } from "./adapter";
import type { ConnectedLeg } from "./connected-leg";

/**
 * The supervision.* events a PBX adapter emits for its monitoring sessions (only it knows
 * them; the call's other events come from the platform's feed), on the monitored leg.
 */
export type SupervisionDraft =
  | { type: "supervision.started"; data: { sessionId: string; supervisorId: string; supervisorName: string; mode: MonitorMode } }
  | { type: "supervision.mode_changed"; data: { sessionId: string; mode: MonitorMode; previousMode: MonitorMode } }
  | { type: "supervision.ended"; data: { sessionId: string; reason: MonitorEnd["reason"] } };

export type SupervisionOrigin = { platform: string; tenantId: string; source: string };

/** Hands one supervision event to the runtime's live sink; nothing while the adapter is stopped. */
export function deliverSupervision(ctx: PlatformContext | undefined, origin: SupervisionOrigin, leg: ConnectedLeg, draft: SupervisionDraft, time: number): void {
  if (!ctx) return;
  const event = {
    specVersion: SPEC_VERSION,
    id: randomUUID(),
    source: origin.source,
    tenantId: origin.tenantId,
    time: Math.round(time),
    callId: leg.callId,
    legId: leg.legId,
    queueId: leg.queueId,
    agentId: leg.agentId,
    ...draft,
  } as CtiEvent;
  // The sink buffers and retries store writes itself; a refusal here is logged, never an unhandled rejection.
  void Promise.resolve()
    .then(() => ctx.events.live([event]))
    .catch((e: unknown) => ctx.log(`${origin.platform}: ${draft.type} for call ${leg.callId} was not delivered: ${(e as Error).message}`));
}

/** Keeps a session in the adapter's set until it ends (so stopping the adapter can end those left), and gives it back. */
export function tracked<S extends { readonly ended: Promise<unknown> }>(sessions: Set<S>, session: S): S {
  sessions.add(session);
  void session.ended.then(() => sessions.delete(session));
  return session;
}
