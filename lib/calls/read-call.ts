import type { ClickHouseClient } from "@clickhouse/client";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { readCallCallbacks } from "./call-callbacks";
import { readCallAcw, readCallDirectory } from "./call-directory";
import { readCallRecordings } from "./call-recordings";
import { callView, type CallView } from "./call-view";
import { readCallEvents } from "./read-call-events";

// Margin for clock rounding between a leg's queued event and the entry time its queue exit implies.
const MARGIN_MS = 1_000;

/** One call for the call page: facts, legs and recordings in the caller's scope; 404 (OutOfScope) when unknown or out of scope. */
export async function readCall(ch: ClickHouseClient, tenantId: string, access: ScopeAccess, callId: string): Promise<CallView> {
  const events = await readCallEvents(ch, tenantId, callId);
  if (!events || events.length === 0) throw new OutOfScope();
  const agentIds = [...new Set(events.flatMap((e) => (e.agentId ? [e.agentId] : [])))];
  const queueIds = [...new Set(events.flatMap((e) => (e.queueId ? [e.queueId] : [])))];
  const first = events[0]?.time ?? 0;
  const last = events[events.length - 1]?.time ?? first;
  const offered = events.find((e) => e.type === "call.offered")?.time ?? first;
  const [directory, acwByLeg, stored, callbacks] = await Promise.all([
    readCallDirectory(ch, tenantId, agentIds, queueIds),
    // A leg enters its queue between the call's first event and its last.
    readCallAcw(ch, tenantId, callId, first - MARGIN_MS, last),
    readCallRecordings(ch, tenantId, callId),
    readCallCallbacks(ch, tenantId, callId, offered),
  ]);
  const view = callView(callId, events, { access, directory, acwByLeg, recordings: stored.recordings, media: stored.media, callbacks });
  if (!view) throw new OutOfScope();
  return view;
}
