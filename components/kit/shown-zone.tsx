"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { browserTimeZone } from "@/lib/time/browser-time-zone";
import { TZ_COOKIE, tzCookieValue } from "@/lib/time/tz-cookie";
import { shownZone, zoneChoiceCookieValue, type ZoneChoice } from "@/lib/time/zone-choice";

export type ShownZone = {
  /** The zone the page shows: the centre's unless the viewer chose their own. */
  tz: string;
  centre: string;
  choice: ZoneChoice;
  /** The viewer's own zone; on the server (and while hydrating) the one its cookie last named, or null. */
  mine: string | null;
  setChoice: (choice: ZoneChoice) => void;
  /** The instant the server rendered the page: "now" until hydration is done, so both render the same text. */
  renderedAt: number;
};

const ZoneContext = createContext<ShownZone | null>(null);
const noSubscribe = () => () => {};

/**
 * Holds the signed-in shell's clock: the centre's zone from the configuration, the
 * viewer's choice from its cookie, and the render instant. Server and browser start
 * from the same values (the browser's own zone only replaces the cookie's guess
 * after hydration), so nothing time-related renders differently on the two sides.
 */
export function ShownZoneProvider(props: { centre: string; choice: ZoneChoice; mineGuess: string | null; renderedAt: number; children: ReactNode }) {
  const { centre, mineGuess, renderedAt } = props;
  const [choice, setChoiceState] = useState(props.choice);
  const mine = useSyncExternalStore(noSubscribe, browserTimeZone, () => mineGuess);
  useEffect(() => {
    // Remember the browser's zone so the next server render of "Mine" computes the same periods.
    if (!mine) return;
    const current = document.cookie.split("; ").find((c) => c.startsWith(`${TZ_COOKIE}=`));
    if (current !== `${TZ_COOKIE}=${encodeURIComponent(mine)}`) document.cookie = tzCookieValue(mine);
  }, [mine]);
  const setChoice = useCallback((next: ZoneChoice) => {
    document.cookie = zoneChoiceCookieValue(next);
    setChoiceState(next);
  }, []);
  const value = useMemo(() => ({ tz: shownZone(choice, centre, mine), centre, choice, mine, setChoice, renderedAt }), [choice, centre, mine, setChoice, renderedAt]);
  return <ZoneContext.Provider value={value}>{props.children}</ZoneContext.Provider>;
}

export function useShownZone(): ShownZone {
  const zone = useContext(ZoneContext);
  if (!zone) throw new Error("useShownZone needs a ShownZoneProvider (app/(app)/layout.tsx)");
  return zone;
}

/** The IANA zone the page shows its times and periods in. */
export function useShownTimeZone(): string {
  return useShownZone().tz;
}
