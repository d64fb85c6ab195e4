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
  /** The viewer's own zone as its cookie last named it (null without one): what the server rendered with. */
  mineGuess: string | null;
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
  const tz = shownZone(choice, centre, mine);
  // The value changes only when the page's clock does, never merely because the browser's own zone
  // replaced the cookie's guess (a first visit has no cookie): React treats any context change that
  // reaches a streamed part of the page still on its way from the server as an update it cannot
  // hydrate, renders that part in the browser instead, and the server's copy, arriving later, stays in
  // the document, hidden (seen in CI as every row of a table twice). The switch's label reads the
  // browser's zone itself (useMineZone).
  const value = useMemo(() => ({ tz, centre, choice, mineGuess, setChoice, renderedAt }), [tz, centre, choice, mineGuess, setChoice, renderedAt]);
  return <ZoneContext.Provider value={value}>{props.children}</ZoneContext.Provider>;
}

/** The viewer's own zone: the browser's, or on the server (and while hydrating) the one its cookie last named. */
export function useMineZone(): string | null {
  const { mineGuess } = useShownZone();
  return useSyncExternalStore(noSubscribe, browserTimeZone, () => mineGuess);
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
