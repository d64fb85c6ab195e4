"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { browserTimeZone } from "@/lib/time/browser-time-zone";

const noSubscribe = () => () => {};

/**
 * The viewer's time zone, or null while rendering on the server (which cannot
 * know it). Periods are local days, so nothing is computed until this is known.
 */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscribe, browserTimeZone, () => null);
}

/** The current time, re-read every `everyMs`, so "today" rolls over at midnight. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
