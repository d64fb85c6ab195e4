"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { browserTimeZone } from "@/lib/time/browser-time-zone";
import { TZ_COOKIE, tzCookieValue } from "@/lib/time/tz-cookie";

const noSubscribe = () => () => {};

/**
 * The viewer's time zone. While rendering on the server (which cannot know it)
 * and during hydration this is `serverGuess`, the zone the tz cookie named, or
 * null when there was none; periods are local days, so nothing is computed until
 * a zone is known. The browser's zone is then written to the cookie, so the next
 * server render can prefetch the same periods the browser will ask for.
 */
export function useBrowserTimeZone(serverGuess: string | null = null): string | null {
  const tz = useSyncExternalStore(noSubscribe, browserTimeZone, () => serverGuess);
  useEffect(() => {
    if (!tz) return;
    const current = document.cookie.split("; ").find((c) => c.startsWith(`${TZ_COOKIE}=`));
    if (current !== `${TZ_COOKIE}=${encodeURIComponent(tz)}`) document.cookie = tzCookieValue(tz);
  }, [tz]);
  return tz;
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
