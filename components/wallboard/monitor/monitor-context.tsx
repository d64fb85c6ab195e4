"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import { IDLE, MonitorController, type MonitorState } from "./monitor-controller";

/** The page's one monitoring controller, and the modes this viewer may use (none: no controls). */
type MonitorContextValue = { controller: MonitorController; modes: readonly MonitorMode[] } | null;

const Context = createContext<MonitorContextValue>(null);

export function MonitorProvider({ modes, children }: { modes: readonly MonitorMode[]; children: ReactNode }) {
  const [controller] = useState(() => new MonitorController());
  // Leaving the page leaves the call (the relay's grace period ends the session on the server).
  useEffect(() => () => controller.dispose(), [controller]);
  return <Context.Provider value={modes.length > 0 ? { controller, modes } : null}>{children}</Context.Provider>;
}

/** The controller and its state, or null where this viewer has no monitoring controls (a role without `monitor`, TV mode, replay). */
export function useMonitor(): { controller: MonitorController; modes: readonly MonitorMode[]; state: MonitorState } | null {
  const value = useContext(Context);
  const noop = () => () => undefined;
  const state = useSyncExternalStore(value?.controller.subscribe ?? noop, value?.controller.getSnapshot ?? (() => IDLE), () => IDLE);
  return value ? { ...value, state } : null;
}
