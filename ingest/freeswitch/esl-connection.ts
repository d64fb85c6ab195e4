import { COMMAND_DEADLINE_MS, CommandFailed } from "@/lib/telephony/commands";
import { EslAuthRefused, EslClient, type Backoff } from "./esl-client";
import { expectOk } from "./esl-reply";

export { abortion } from "./esl-client";

/**
 * The adapter's one event socket to FreeSWITCH (mod_event_socket, inbound mode), through
 * our own client (esl-client.ts): API commands sent as `bgapi` (so a slow originate never
 * holds up the socket; the answer is the BACKGROUND_JOB event's body), and the channel
 * events the monitoring sessions watch. The client reconnects by itself and re-subscribes,
 * and `onReconnect` tells the adapter at once (events may have been missed meanwhile).
 */
export type EslConfig = { host: string; port: number; password: string };

/** How long an originate's job may take: the phone rings (originate's own timeout is 60 s), then it answers. */
export const ORIGINATE_JOB_MS = 90_000;

/** The channel events the adapter reads, with the channel's uuid and its headers (variables as `variable_<name>`). */
export const CHANNEL_EVENTS = ["CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"] as const;
export type ChannelEventName = (typeof CHANNEL_EVENTS)[number];
export type ChannelEvent = { name: ChannelEventName; uuid: string; headers: Readonly<Record<string, string>> };

export interface EslApi {
  /**
   * Runs an API command; resolves with FreeSWITCH's reply text (`+OK ...`, `-ERR ...`, a value); rejects when the
   * socket fails it, the signal aborts, or `timeoutMs` (default twice the command deadline) passes without an answer.
   */
  api(command: string, signal: AbortSignal, timeoutMs?: number): Promise<string>;
  onChannelEvent(listener: (event: ChannelEvent) => void): () => void;
  /** Called when the socket authenticated again after an earlier connection (the first is no reconnection), before queued commands go out. */
  onReconnect(listener: () => void): () => void;
  close(): void;
}

function isChannelEvent(name: string | undefined): name is ChannelEventName {
  return (CHANNEL_EVENTS as readonly (string | undefined)[]).includes(name);
}

export class EslConnection implements EslApi {
  private readonly client: EslClient;
  private readonly listeners = new Set<(event: ChannelEvent) => void>();

  /** `backoff`: the client's reconnection delays (tests shorten them). */
  constructor(config: EslConfig, log: (line: string) => void, backoff?: Backoff) {
    this.client = new EslClient({ ...config, events: CHANNEL_EVENTS, log, backoff });
    this.client.onEvent(({ headers }) => {
      const name = headers["Event-Name"];
      const uuid = headers["Unique-ID"];
      if (!isChannelEvent(name) || !uuid) return;
      const e: ChannelEvent = { name, uuid, headers };
      for (const l of this.listeners) l(e);
    });
  }

  async api(command: string, signal: AbortSignal, timeoutMs = COMMAND_DEADLINE_MS * 2): Promise<string> {
    try {
      return await this.client.bgapi(command, signal, timeoutMs);
    } catch (e) {
      // A wrong password is the site's configuration, not a network fault: say so rather than let the command time out.
      if (e instanceof EslAuthRefused) throw new CommandFailed("unreachable", `${e.message}: check FREESWITCH_ESL_PASSWORD`);
      throw e;
    }
  }

  onChannelEvent(listener: (event: ChannelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    return this.client.onAuthenticated((count) => {
      if (count > 1) listener();
    });
  }

  close(): void {
    this.listeners.clear();
    this.client.close();
  }
}

/** Runs an API command and reads its reply: the text of a `+OK` (or the bare value), or the CommandFailed a `-ERR` means (esl-reply.ts). */
export async function apiOk(esl: EslApi, command: string, signal: AbortSignal, what: string): Promise<string> {
  return expectOk(await esl.api(command, signal), what);
}
