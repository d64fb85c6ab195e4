import { FreeSwitchClient, type FreeSwitchEventData } from "esl-lite";
import { COMMAND_DEADLINE_MS } from "@/lib/telephony/commands";
import { expectOk } from "./esl-reply";

/**
 * The adapter's one event socket to FreeSWITCH (mod_event_socket, inbound mode), through
 * esl-lite: API commands sent as `bgapi` (so a slow originate never holds up the socket;
 * the answer is the BACKGROUND_JOB event's body), and the channel events the monitoring
 * sessions watch. esl-lite reconnects by itself and re-subscribes; `connections()` counts
 * the times it authenticated, so the adapter can tell a reconnection happened (events
 * may have been missed meanwhile).
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
  /** How many times the socket authenticated so far (1 once connected; more after a reconnection). */
  connections(): number;
  close(): void;
}

/** esl-lite wants a pino-style logger; this one passes warnings and errors on, once per repeated line (a reconnect loop says the same thing every second). */
function eslLogger(log: (line: string) => void) {
  let last = "";
  const say = (level: string) => (a: unknown, b?: unknown) => {
    const msg = typeof a === "string" ? a : typeof b === "string" ? b : "";
    const line = `freeswitch: esl-lite ${level}: ${msg}`;
    if (line !== last) log(line);
    last = line;
  };
  const quiet = () => undefined;
  const logger = { trace: quiet, debug: quiet, info: quiet, warn: say("warning"), error: say("error"), fatal: say("fatal"), child: () => logger, level: "warn" };
  return logger;
}

function stringHeaders(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (typeof v === "string") out[k] = v;
  return out;
}

export class EslConnection implements EslApi {
  private readonly client: FreeSwitchClient;
  private readonly listeners = new Set<(event: ChannelEvent) => void>();

  constructor(config: EslConfig, log: (line: string) => void) {
    this.client = new FreeSwitchClient({ ...config, logger: eslLogger(log) });
    for (const name of CHANNEL_EVENTS) {
      this.client.on(name, (event: FreeSwitchEventData) => {
        const uuid = event.body.uniqueID;
        if (!uuid) return;
        const e: ChannelEvent = { name, uuid, headers: stringHeaders(event.body.data) };
        for (const l of this.listeners) l(e);
      });
    }
  }

  async api(command: string, signal: AbortSignal, timeoutMs = COMMAND_DEADLINE_MS * 2): Promise<string> {
    signal.throwIfAborted();
    // esl-lite's own timeout is a backstop (it never rejects); the product's deadline aborts first through the signal.
    const job = this.client.bgapi(command, timeoutMs);
    const aborted = abortion(signal, `${command.split(" ")[0]} abandoned`);
    const result = await Promise.race([job, aborted]);
    if (result instanceof Error) throw new Error(`${result.name}: ${result.message}`);
    const body = result.body.response;
    return typeof body === "string" ? body : String(body ?? "");
  }

  onChannelEvent(listener: (event: ChannelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connections(): number {
    return Number(this.client.stats.authRequest);
  }

  close(): void {
    this.listeners.clear();
    this.client.end();
  }
}

/** Runs an API command and reads its reply: the text of a `+OK` (or the bare value), or the CommandFailed a `-ERR` means (esl-reply.ts). */
export async function apiOk(esl: EslApi, command: string, signal: AbortSignal, what: string): Promise<string> {
  return expectOk(await esl.api(command, signal), what);
}

/** Rejects when the signal aborts (for a race); handled here too, so an abort after the race was won is no unhandled rejection. */
export function abortion(signal: AbortSignal, message: string): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new Error(message));
    else signal.addEventListener("abort", () => reject(new Error(message)), { once: true });
  });
  p.catch(() => undefined);
  return p;
}
