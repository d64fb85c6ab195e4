/**
 * Columns the contacts list can be ordered by; each maps to a fixed SQL expression in list-contacts.ts.
 * queue_id and agent_id order by the names shown in those columns (name-sort.ts); the keys keep their
 * names so saved addresses still work.
 */
export const CONTACT_SORTS = ["queued_at", "wait_ms", "talk_ms", "hold_ms", "acw_ms", "handle_ms", "queue_id", "agent_id", "outcome"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
