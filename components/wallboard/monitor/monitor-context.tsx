"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { allowedModes } from "@/lib/monitoring-policy/policy";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import { IDLE, MonitorController, type MonitorMedia, type MonitorState } from "./monitor-controller";

/**
 * The page's one monitoring controller, and the modes this viewer may use on a queue's calls:
 * the platform's, narrowed by the queue's monitoring policy (none: no controls). The server
 * enforces the policy whatever the page offers; this only keeps a refused button off the page.
 */
type MonitorContextValue = {
  controller: MonitorController;
  modes: readonly MonitorMode[];
  modesFor: (queueId: string | null | undefined) => readonly MonitorMode[];
} | null;

const Context = createContext<MonitorContextValue>(null);

/** `media`: where the supervisor hears the call (the platform's monitorMedia; on a phone, their extension). */
export function MonitorProvider({ modes, media, children }: { modes: readonly MonitorMode[]; media?: MonitorMedia; children: ReactNode }) {
  const [controller] = useState(() => new MonitorController(media));
  // Leaving the page leaves the call (the relay's grace period ends the session on the server).
  useEffect(() => () => controller.dispose(), [controller]);
  const policies = useQuery({ ...apiQueryOptions("/api/monitor/policy", {}), enabled: modes.length > 0, staleTime: 30_000, refetchInterval: 60_000 });
  const modesFor = (queueId: string | null | undefined) => {
    const policy = policies.data?.policies.find((p) => p.queueId === queueId);
    return policy ? allowedModes(policy, modes) : modes;
  };
  return <Context.Provider value={modes.length > 0 ? { controller, modes, modesFor } : null}>{children}</Context.Provider>;
}

/** The controller and its state, or null where this viewer has no monitoring controls (a role without `monitor`, TV mode, replay). */
export function useMonitor(): {
  controller: MonitorController;
  modes: readonly MonitorMode[];
  modesFor: (queueId: string | null | undefined) => readonly MonitorMode[];
  state: MonitorState;
} | null {
  const value = useContext(Context);
  const noop = () => () => undefined;
  const state = useSyncExternalStore(value?.controller.subscribe ?? noop, value?.controller.getSnapshot ?? (() => IDLE), () => IDLE);
  return value ? { ...value, state } : null;
}
