"use client";

import type { MonitorMode } from "@/lib/telephony/capabilities";
import styles from "../wallboard.module.css";
import { useMonitor } from "./monitor-context";
import type { MonitorMedia } from "./monitor-controller";

const VERB: Record<MonitorMode, string> = { listen: "Listen", whisper: "Whisper", barge: "Barge" };
const DOING: Record<MonitorMode, string> = { listen: "Listening", whisper: "Whispering", barge: "Barging in" };

/** While a start is on its way: the relay connecting, or on a "phone" platform the supervisor's own phone about to ring. */
export function connectingText(media: MonitorMedia): string {
  if (media.kind === "browser") return "Connecting…";
  return media.extension ? `Your phone (${media.extension}) will ring…` : "Your phone will ring…";
}

/**
 * Listen / Whisper / Barge on a call in conversation, for a viewer with `monitor` on a
 * platform that declares the modes (monitor-context.tsx); while monitoring it, the mode
 * now, the others to switch to on the same connection, and Stop. The data attributes
 * say what the page receives and sends (the e2e test reads them).
 */
/** A call a supervisor can join: answered by an agent, talking or on hold. */
export function monitorable(state: string | null | undefined, agentId: string | null | undefined): boolean {
  return !!agentId && (state === "talking" || state === "held");
}

export function MonitorControls({ callId, queueId, what, agent }: { callId: string | null; queueId: string | null; what: string; agent?: { id: string; name: string } }) {
  const monitor = useMonitor();
  if (!monitor) return null;
  const { controller, state } = monitor;
  // The modes the call's queue allows (its monitoring policy): none, and there is nothing to offer.
  const modes = monitor.modesFor(queueId);
  const followingHere = agent !== undefined && state.following === agent.id;
  const mine = (callId !== null && state.callId === callId) || followingHere;
  if (!mine && (callId === null || modes.length === 0)) return null;
  const active = mine && (state.status === "starting" || state.status === "connecting" || state.status === "live" || state.status === "reconnecting");
  return (
    <div
      className={styles.monitorControls}
      data-testid="monitor-controls"
      data-monitor-status={mine ? state.status : "idle"}
      data-monitor-mode={active ? (state.mode ?? undefined) : undefined}
      data-monitor-media={controller.media.kind}
      data-frames-received={mine ? state.framesReceived : undefined}
      data-mic-frames-sent={mine ? state.micFramesSent : undefined}
      data-connection-id={mine ? (state.connectionId ?? undefined) : undefined}
      data-following={mine ? (state.following ?? undefined) : undefined}
      data-audio-rms={mine && state.player ? state.player.rms.toFixed(4) : undefined}
      data-audio-starts={mine && state.player ? state.player.starts : undefined}
    >
      {active && state.mode && (
        <span className={styles.monitorMode} role="status">
          {state.status !== "live"
            ? state.status === "reconnecting"
              ? "Reconnecting…"
              : connectingText(controller.media)
            : state.following && state.callId === null
              ? `Waiting for ${agent?.name ?? "the agent"}'s next call`
              : DOING[state.mode]}
        </span>
      )}
      {modes.map((m) =>
        active && state.mode === m ? null : (
          <button
            key={m}
            type="button"
            className={styles.monitorButton}
            data-mode={m}
            aria-label={`${VERB[m]}${active ? "" : ` to ${what}`}`}
            title={active ? `Switch to ${VERB[m].toLowerCase()} on the same connection` : `${VERB[m]} to ${what}`}
            onClick={() => void (active ? controller.setMode(m) : callId !== null && controller.start(callId, m))}
          >
            {VERB[m]}
          </button>
        ),
      )}
      {!active && agent && callId !== null && (
        <button
          type="button"
          className={styles.monitorButton}
          data-action="follow"
          title={`Listen to ${agent.name}'s calls, this one and each next one`}
          onClick={() => void controller.start(callId, "listen", { agentId: agent.id })}
        >
          Follow
        </button>
      )}
      {active && (
        <button type="button" className={styles.monitorButton} data-action="stop" onClick={() => void controller.stop()}>
          Stop
        </button>
      )}
      {mine && (state.micAdvice || state.message) && (
        <p className={styles.formMessage} role={state.status === "error" ? "alert" : "status"} data-kind={state.status === "error" ? "error" : "ok"}>
          {state.micAdvice ?? state.message}
        </p>
      )}
    </div>
  );
}
