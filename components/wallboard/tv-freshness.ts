import type { FeedState } from "./live-feed";

/**
 * Whether a TV board may be trusted: stale when the stream is down, or when no
 * message (change or heartbeat) has come for `staleMs`. Browser clock throughout:
 * `lastMessageAt` and `now` are both the viewer's.
 */
export type Freshness = { stale: false } | { stale: true; reason: "down" | "silent"; forSeconds: number | null };

export function freshness(feed: Pick<FeedState, "status" | "lastMessageAt" | "downSince">, now: number, staleMs: number): Freshness {
  if (feed.status !== "live") {
    const since = feed.downSince ?? feed.lastMessageAt;
    return { stale: true, reason: "down", forSeconds: since === null ? null : Math.max(0, Math.floor((now - since) / 1000)) };
  }
  if (feed.lastMessageAt !== null && now - feed.lastMessageAt > staleMs)
    return { stale: true, reason: "silent", forSeconds: Math.floor((now - feed.lastMessageAt) / 1000) };
  return { stale: false };
}
