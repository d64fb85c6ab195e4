import { DomainError, type DomainErrorKind } from "@/lib/errors/domain-errors";
import type { RecordingSource } from "@/lib/recordings/import/recording-source";
import type { MonitorRequest, MonitorSession } from "./monitor";

/**
 * The command side of the platform boundary (docs/telephony.md): what the product
 * asks a PBX to do. Each command is a method an adapter has only when its
 * capabilities declare it, answers with a result or a CommandFailed naming what
 * went wrong in the platform's terms, and runs under a deadline (`withDeadline`), so
 * a platform that stops answering is a typed error, never a hung request.
 */

/** Why a command failed, the same words for every platform. */
export const COMMAND_ERROR_CODES = [
  "no_such_call",
  "call_ended",
  "no_such_agent",
  "no_such_queue",
  "not_logged_on",
  "busy",
  "not_permitted",
  "unsupported",
  "unreachable",
  "timeout",
] as const;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];

/** How each code reaches HTTP (through the domain error kinds of lib/errors). */
const KIND: Record<CommandErrorCode, DomainErrorKind> = {
  no_such_call: "not_found",
  no_such_agent: "not_found",
  no_such_queue: "not_found",
  call_ended: "conflict",
  not_logged_on: "conflict",
  busy: "conflict",
  not_permitted: "forbidden",
  unsupported: "unavailable",
  unreachable: "unavailable",
  timeout: "unavailable",
};

/**
 * Marks a CommandFailed wherever its class was loaded from. The platform adapters run in the
 * custom server's copy of this module and the route handlers in Next's bundle, which has its own
 * copy: `instanceof` fails across the two, and a refusal such as "no agent is ready" was reported
 * as "the platform could not be reached". A symbol from the global registry is the same in both.
 */
const COMMAND_FAILED = Symbol.for("cc-supervisor/CommandFailed");

export class CommandFailed extends DomainError {
  readonly [COMMAND_FAILED] = true;
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(KIND[code], message);
  }
}

/** Whether `e` is a CommandFailed from any copy of this module (see COMMAND_FAILED). */
export function isCommandFailed(e: unknown): e is CommandFailed {
  return typeof e === "object" && e !== null && (e as { [COMMAND_FAILED]?: unknown })[COMMAND_FAILED] === true;
}

/** What a supervisor may set an agent to: Asterisk's QueuePause (with a reason), unpause, and QueueRemove. */
export type AgentStateCommand = { agentId: string; state: "ready" } | { agentId: string; state: "not_ready"; reason: string } | { agentId: string; state: "logged_out" };

/**
 * When the change takes effect: at once, or when the agent's current call and its
 * after-call work end (a PBX does not pull an agent off a call to pause them).
 */
export type AgentStateResult = { applied: "now" | "after_call" };

/** Whose phone a callback rings before the customer's. */
export type CallbackFirst = "agent" | "supervisor";

/** The supervisor a supervisor-first callback rings: their own phone, by the extension kept with their user. */
export type CallbackSupervisor = { id: string; name: string; extension: string };

/**
 * A callback. Agent first (the default; as Asterisk's Originate to the agent's channel, then
 * Dial to the customer): the platform rings the agent and, once they answer, dials the
 * number, presenting the queue's number as caller ID. Supervisor first: the same, ringing
 * the supervisor's own phone (`supervisor.extension`) instead of an agent's, for a
 * supervisor who calls the customer back themselves (`capabilities.callbackFirst`).
 */
export type CallbackCommand = {
  /** What the platform dials: digits, with a leading + for an international number. */
  number: string;
  /** The queue whose caller is called back: its number is presented, and its agents may take it. */
  queueId: string;
  /** The missed call this answers, carried on the new call's events. */
  callbackOf?: string;
} & (
  | {
      first?: "agent";
      /** The agent to ring first; without one, the queue's longest-idle ready agent. */
      agentId?: string;
    }
  | { first: "supervisor"; supervisor: CallbackSupervisor }
);

/**
 * The new call, placed: its outcome (answered, no answer, busy) follows as the platform's
 * events. `agentId`: the agent rung first; absent when the supervisor was.
 */
export type CallbackResult = { callId: string; agentId?: string };

export interface PlatformCommands {
  setAgentState?(command: AgentStateCommand, signal: AbortSignal): Promise<AgentStateResult>;
  /** Joins a live call as a supervisor in one of `capabilities.monitorModes` (monitor.ts). */
  startMonitor?(request: MonitorRequest, signal: AbortSignal): Promise<MonitorSession>;
  originateCallback?(command: CallbackCommand, signal: AbortSignal): Promise<CallbackResult>;
  /**
   * Hands over the platform's recordings: a source the recording importer lists and reads
   * as it would a directory (lib/recordings/import), each listing and read under its own
   * deadline. `lookbackMs`: only recordings of calls begun within that long.
   */
  fetchRecordings?(options: { lookbackMs?: number }): RecordingSource;
}

/** How long each command may take before it is a `timeout`; generous for a PBX on the LAN, short for a person waiting. */
export const COMMAND_DEADLINE_MS = 5_000;

/**
 * Runs a command under a deadline: its result, its own CommandFailed, `timeout` when
 * the deadline passes first (the command is told through its signal), or
 * `unreachable` for any other failure (a socket error, a refused connection), with
 * the cause's message.
 */
export async function withDeadline<T>(run: (signal: AbortSignal) => Promise<T>, deadlineMs = COMMAND_DEADLINE_MS, what = "the command"): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CommandFailed("timeout", `the platform did not answer ${what} within ${deadlineMs / 1000} s`));
    }, deadlineMs);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } catch (e) {
    if (isCommandFailed(e)) throw e;
    throw new CommandFailed("unreachable", `the platform could not be reached for ${what}: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
