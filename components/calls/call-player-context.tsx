"use client";

import { createContext, useContext } from "react";

/**
 * What the call page shares with panels beside the player (the QA evaluation form
 * sits in the page's evaluation slot and reads this): the time being played, a way
 * to move it, and which call and recording are open. Times are ms from the open
 * recording's start.
 */
export type CallPlayer = {
  callId: string;
  recordingId: string | null;
  currentMs: number;
  seekTo: (ms: number) => void;
};

export const CallPlayerContext = createContext<CallPlayer | null>(null);

/** The call page's player; throws outside a call page, where no panel should ask. */
export function useCallPlayer(): CallPlayer {
  const player = useContext(CallPlayerContext);
  if (!player) throw new Error("useCallPlayer: used outside the call page (CallPlayerContext)");
  return player;
}
