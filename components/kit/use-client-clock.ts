"use client";

import { useMemo, useSyncExternalStore } from "react";
import { useShownZone } from "./shown-zone";

/** A clock re-read every `everyMs`; the snapshot is cached so React sees a stable value between ticks. */
function clockStore(everyMs: number) {
  let now = Date.now();
  return {
    subscribe(onTick: () => void) {
      const id = setInterval(() => {
        now = Date.now();
        onTick();
      }, everyMs);
      return () => clearInterval(id);
    },
    get: () => now,
  };
}

/**
 * The current time, re-read every `everyMs`, so "today" rolls over at midnight.
 * The server's render instant stands in while rendering and hydrating: an open
 * state's duration or an "ago" computed from two different clocks would otherwise
 * differ by the network's delay, and React rejects the page (error #418).
 */
export function useNow(everyMs = 60_000): number {
  const { renderedAt } = useShownZone();
  const store = useMemo(() => clockStore(everyMs), [everyMs]);
  return useSyncExternalStore(store.subscribe, store.get, () => renderedAt);
}
