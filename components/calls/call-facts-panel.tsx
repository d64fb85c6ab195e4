"use client";

import Link from "next/link";
import type { CallCallback } from "@/lib/calls/call-callbacks";
import type { CallFacts } from "@/lib/calls/call-facts";
import { outcomeLabel } from "@/lib/tables/contact-table";
import { formatDateTime, formatDuration } from "@/lib/tables/format";

const dur = (ms: number | null) => (ms === null ? "—" : formatDuration(ms));

const CALLBACK_ENDS: Record<string, string> = { no_answer: "no answer", busy: "line busy" };

/** How a callback went, in words. */
function callbackOutcome(c: CallCallback): string {
  if (c.connected) return c.ended ? "answered" : "in conversation";
  if (!c.ended) return "ringing";
  return CALLBACK_ENDS[c.endCause] ?? (c.endCause.replaceAll("_", " ") || "ended");
}

/** The call's facts (sums over the legs shown) and each leg, as the contacts list counts them; a missed call's callbacks, a callback's missed call. */
export function CallFactsPanel({ facts, callbacks, tz }: { facts: CallFacts; callbacks: readonly CallCallback[]; tz: string }) {
  const rows: [string, string, string][] = [
    ["queue", "Queue", facts.queues.map((q) => q.name).join(", ") || "—"],
    ["agent", "Agent", facts.agents.map((a) => a.name).join(", ") || "—"],
    ["caller", "Caller", facts.caller ?? "—"],
    ["offered", "Offered", facts.offeredAt === null ? "—" : formatDateTime(facts.offeredAt, tz)],
    ["wait", "Wait", formatDuration(facts.waitMs)],
    ["talk", "Talk", formatDuration(facts.talkMs)],
    ["hold", "Hold", formatDuration(facts.holdMs)],
    ["acw", "ACW", formatDuration(facts.acwMs)],
    ["outcome", "Outcome", facts.outcome ? outcomeLabel(facts.outcome) : "—"],
    [
      "transfers",
      "Transfers",
      facts.transfers.length === 0 ? "None" : facts.transfers.map((t) => `${t.kind} to ${t.toQueueId ?? t.toAgentId ?? t.toExtension ?? "?"}`).join(", "),
    ],
  ];
  return (
    <section className="card call-facts" aria-labelledby="call-facts-title" data-testid="call-facts">
      <h2 className="card-title" id="call-facts-title">
        Call facts
      </h2>
      <dl className="facts-list">
        {rows.map(([id, label, value]) => (
          <div key={id} className="facts-row" data-fact={id}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {facts.callbackOf && (
          <div className="facts-row" data-fact="callback-of">
            <dt>Callback of</dt>
            <dd>
              <Link href={`/calls/${encodeURIComponent(facts.callbackOf)}`}>the missed call {facts.callbackOf}</Link>
            </dd>
          </div>
        )}
        {callbacks.length > 0 && (
          <div className="facts-row" data-fact="callbacks">
            <dt>Called back</dt>
            <dd>
              <ul className="plain-list">
                {callbacks.map((c) => (
                  <li key={c.callId} data-callback={c.callId}>
                    <Link href={`/calls/${encodeURIComponent(c.callId)}`}>{formatDateTime(c.at, tz)}</Link>: {callbackOutcome(c)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <h3 className="facts-subtitle">Legs</h3>
      <ol className="legs-list">
        {facts.legs.map((l) => (
          <li key={l.legId} data-leg={l.legId}>
            <strong>{l.queueName}</strong> · {l.agentName ?? "no agent"} · {l.outcome ? outcomeLabel(l.outcome) : "in queue"}
            <span className="leg-times">
              wait {dur(l.waitMs)} · talk {dur(l.talkMs)} · hold {dur(l.holdMs)}
              {l.holdCount > 1 ? ` (${l.holdCount}×)` : ""} · ACW {dur(l.acwMs)}
              {l.transfer ? ` · ${l.transfer.kind} transfer to ${l.transfer.toQueueId ?? l.transfer.toAgentId ?? l.transfer.toExtension ?? "?"}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
