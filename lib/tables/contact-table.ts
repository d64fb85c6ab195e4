import type { ContactItem } from "@/lib/contacts/list-contacts";
import type { ContactSort } from "@/lib/contacts/contact-sorts";
import type { Column } from "./table";

/** Plain words for queue exit reasons. */
export const OUTCOME_LABELS: Record<string, string> = {
  answered: "Answered",
  abandon: "Abandoned",
  timeout: "Timed out",
  empty: "Queue empty",
  key: "Left on key press",
  transfer: "Transferred out",
  in_progress: "In progress",
  lost: "Lost",
  system: "Dropped by a platform restart",
};

export const outcomeLabel = (o: string): string => OUTCOME_LABELS[o] ?? o;

const isOpen = (c: ContactItem): boolean => c.outcome === "in_progress" || c.outcome === "lost";

/** The outcome in words; a lost contact says why it is called lost. */
export function contactOutcome(c: ContactItem): string {
  if (c.outcome === "lost") return `Lost: no queue exit within ${c.maxWaitS} s, the queue's longest possible wait (exit line missing)`;
  return outcomeLabel(c.outcome);
}

/**
 * The contacts list's columns. The list is sorted by the store (it is paginated),
 * so `sort` names the store's sort key for the columns that have one.
 */
export const CONTACT_COLUMNS: readonly (Column<ContactItem> & { sort?: ContactSort })[] = [
  { id: "queued_at", sort: "queued_at", header: "Queued at", kind: "time", value: (c) => c.queuedAt },
  { id: "caller", header: "Caller", kind: "text", value: (c) => c.caller || null },
  { id: "queue_id", sort: "queue_id", header: "Queue", kind: "text", value: (c) => c.queueName },
  { id: "agent_id", sort: "agent_id", header: "Agent", kind: "text", value: (c) => c.agentName || null },
  { id: "outcome", sort: "outcome", header: "Outcome", kind: "text", value: contactOutcome },
  // A contact still in the queue (or lost) has no known wait yet.
  { id: "wait_ms", sort: "wait_ms", header: "Wait", kind: "duration", value: (c) => (isOpen(c) ? null : c.waitMs) },
  { id: "talk_ms", sort: "talk_ms", header: "Talk", kind: "duration", value: (c) => (c.handled ? c.talkMs : null) },
  { id: "hold_ms", sort: "hold_ms", header: "Hold", kind: "duration", value: (c) => (c.handled ? c.holdMs : null) },
  { id: "acw_ms", sort: "acw_ms", header: "ACW", kind: "duration", value: (c) => (c.handled ? c.acwMs : null) },
  { id: "handle_ms", sort: "handle_ms", header: "Handle time", kind: "duration", value: (c) => (c.handled ? c.handleMs : null) },
  { id: "within_sl", header: "Within SL", kind: "flag", value: (c) => c.withinSl },
  { id: "short_abandon", header: "Short abandon", kind: "flag", value: (c) => c.shortAbandon },
  { id: "transferred", header: "Transferred", kind: "flag", value: (c) => c.transferred },
  { id: "call_id", header: "Call", kind: "text", value: (c) => c.callId },
  // Ids beside the names in a file, so a spreadsheet can join on them; the page shows names only.
  { id: "queue_key", header: "Queue id", kind: "text", csvOnly: true, value: (c) => c.queueId },
  { id: "agent_key", header: "Agent id", kind: "text", csvOnly: true, value: (c) => c.agentId || null },
];
