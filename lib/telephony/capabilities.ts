import type { CallbackFirst } from "./commands";

/** How a supervisor joins a live call (docs/architecture.md, Live monitoring). */
export type MonitorMode = "listen" | "whisper" | "barge";

/**
 * What a platform can be asked to do. Each command (lib/telephony/commands.ts) is
 * offered only when its capability is declared here; events and the directory need
 * no capability (every adapter delivers them).
 */
export type MonitorMedia = "browser" | "phone";

export interface PlatformCapabilities {
  /** Modes a supervisor can start on a call, change between and stop; empty: no monitoring. */
  readonly monitorModes: readonly MonitorMode[];
  /**
   * Where a monitoring supervisor hears and speaks: "browser", through the session's audio
   * (onAudio / sendAudio, relayed to the page); "phone", on their own phone, which the
   * platform rings (FreeSWITCH's eavesdrop): the session carries no audio, and the page
   * should say "your phone will ring" rather than open the microphone.
   */
  readonly monitorMedia: MonitorMedia;
  /** Log an agent on or off, make them ready or not ready with a reason. */
  readonly setAgentState: boolean;
  /** Play the notices a queue's monitoring policy asks for (MonitorRequest.notices): a tone to the agent, a tone to both on barge. */
  readonly monitorNotices: boolean;
  /** Place a call from an agent to a number (a callback). */
  readonly originateCallback: boolean;
  /**
   * Whose phone a callback may ring first (CallbackCommand.first): "agent", and "supervisor"
   * where the platform can ring a supervisor's own extension. Empty without originateCallback.
   */
  readonly callbackFirst: readonly CallbackFirst[];
  /** Hand over its recordings (commands.fetchRecordings), for a product that cannot see the platform's disk. */
  readonly fetchRecording: boolean;
}

export const NO_CAPABILITIES: PlatformCapabilities = Object.freeze({
  monitorModes: Object.freeze([]),
  monitorMedia: "browser",
  monitorNotices: false,
  setAgentState: false,
  originateCallback: false,
  callbackFirst: Object.freeze([]),
  fetchRecording: false,
});
