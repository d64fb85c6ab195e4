/** How a supervisor joins a live call (docs/architecture.md, Live monitoring). */
export type MonitorMode = "listen" | "whisper" | "barge";

/**
 * What a platform can be asked to do. Each command (lib/telephony/commands.ts) is
 * offered only when its capability is declared here; events and the directory need
 * no capability (every adapter delivers them).
 */
export interface PlatformCapabilities {
  /** Modes a supervisor can start on a call, change between and stop; empty: no monitoring. */
  readonly monitorModes: readonly MonitorMode[];
  /** Log an agent on or off, make them ready or not ready with a reason. */
  readonly setAgentState: boolean;
  /** Play the notices a queue's monitoring policy asks for (MonitorRequest.notices): a tone to the agent, a tone to both on barge. */
  readonly monitorNotices: boolean;
  /** Place a call from an agent to a number (a callback). */
  readonly originateCallback: boolean;
  /** Hand over a call's recording. */
  readonly fetchRecording: boolean;
}

export const NO_CAPABILITIES: PlatformCapabilities = Object.freeze({
  monitorModes: Object.freeze([]),
  monitorNotices: false,
  setAgentState: false,
  originateCallback: false,
  fetchRecording: false,
});
