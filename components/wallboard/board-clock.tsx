"use client";

import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { clockNow, subscribeClock } from "./shared-clock";

/**
 * What "now" is for a board: the live wallboard ticks with the shared clock,
 * corrected to the server's time (events carry the platform's clock, not the
 * viewer's); a replayed board stands still at its instant.
 */
type BoardClock = { kind: "live"; offset: number } | { kind: "fixed"; at: number };

const BoardClockContext = createContext<BoardClock>({ kind: "fixed", at: 0 });

export function BoardClockProvider({ clock, children }: { clock: BoardClock; children: ReactNode }) {
  return <BoardClockContext.Provider value={clock}>{children}</BoardClockContext.Provider>;
}

const noSubscribe = () => () => {};
const serverNow = () => 0;

/** The board's current time; re-renders the caller once a second on a live board. */
export function useBoardNow(): number {
  const clock = useContext(BoardClockContext);
  const live = clock.kind === "live";
  const tick = useSyncExternalStore(live ? subscribeClock : noSubscribe, clockNow, serverNow);
  return clock.kind === "live" ? tick + clock.offset : clock.at;
}
