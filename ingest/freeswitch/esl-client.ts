import { randomUUID } from "node:crypto";
import { connect, type Socket } from "node:net";
import { EslFrameReader, encodeCommand, parseEventPlain, type EslEvent, type EslFrame, type EslHeaders } from "./esl-frames";

/**
 * A client of FreeSWITCH's event socket in inbound mode (mod_event_socket; frames in
 * esl-frames.ts). Per connection: FreeSWITCH says `Content-Type: auth/request`, we send
 * `auth <password>` and expect `+OK accepted` (`-ERR invalid` is a wrong password: commands
 * are refused at once with EslAuthRefused instead of waiting), then subscribe with
 * `event plain BACKGROUND_JOB <names>`. Commands go as `bgapi` with a Job-UUID we choose;
 * the socket answers each command in the order sent (`command/reply`), and the job's output
 * comes later as the body of the BACKGROUND_JOB event carrying that Job-UUID.
 *
 * A dropped or unreachable socket is retried with a doubling delay (reconnectDelay), then
 * authenticated and subscribed again; `onAuthenticated` tells the owner of each success, so
 * it can act on a reconnection (events may have been missed meanwhile) before anything else
 * is sent on the new socket. Jobs in flight
 * when the socket drops fail at once: their BACKGROUND_JOB would have come on the old socket.
 * Commands asked for while there is no socket wait for the next one, within their own deadline.
 */
export type EslClientOptions = {
  host: string;
  port: number;
  password: string;
  /** The events to hear besides BACKGROUND_JOB. */
  events: readonly string[];
  log: (line: string) => void;
  backoff?: Backoff;
  /** How long connecting and authenticating may take before the attempt is dropped and retried (a host that never answers SYN). */
  attemptMs?: number;
};

export type Backoff = { firstMs: number; maxMs: number };
export const DEFAULT_BACKOFF: Backoff = { firstMs: 250, maxMs: 10_000 };

/** The wait before retry number `failures` (0 for the first retry): doubling from firstMs, never above maxMs. */
export function reconnectDelay(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(failures, 30));
}

/** FreeSWITCH answered our password with something other than `+OK accepted`. */
export class EslAuthRefused extends Error {
  constructor(reply: string) {
    super(`FreeSWITCH refused the event-socket password (${reply})`);
  }
}

type Waiter<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

/** Rejects when the signal aborts, with `message` or else the signal's reason (for a race); an abort after the race was won is no unhandled rejection. */
export function abortion(signal: AbortSignal, message?: string): Promise<never> {
  const reason = (): Error => (message !== undefined ? new Error(message) : signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(reason());
    else signal.addEventListener("abort", () => reject(reason()), { once: true });
  });
  p.catch(() => undefined);
  return p;
}

export class EslClient {
  private socket: Socket | undefined;
  /** The socket once authenticated and subscribed: commands go only there. */
  private ready: Socket | undefined;
  private refusal: EslAuthRefused | undefined;
  /** Who waits for the next `command/reply` or `api/response`, in the order the commands were written. */
  private replies: Waiter<EslFrame>[] = [];
  private readonly jobs = new Map<string, Waiter<string>>();
  private readonly readyWaiters = new Set<Waiter<Socket>>();
  private readonly listeners = new Set<(event: EslEvent) => void>();
  private readonly authListeners = new Set<(authentications: number) => void>();
  private failures = 0;
  private authenticated = 0;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private lastLog = "";

  constructor(private readonly opts: EslClientOptions) {
    this.connect();
  }

  /** How many times a socket authenticated so far (1 once connected; more after each reconnection). */
  authentications(): number {
    return this.authenticated;
  }

  /** Called on each authentication with the count so far, before the commands waiting for the socket are sent. */
  onAuthenticated(listener: (authentications: number) => void): () => void {
    this.authListeners.add(listener);
    return () => this.authListeners.delete(listener);
  }

  onEvent(listener: (event: EslEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `bgapi <command>`: resolves with the job's output (FreeSWITCH's reply text), or with the
   * `-ERR` the socket answered instead of starting the job; rejects when the signal aborts,
   * `timeoutMs` passes, the socket drops before the job's event, or the password is refused.
   */
  async bgapi(command: string, signal: AbortSignal, timeoutMs: number): Promise<string> {
    signal.throwIfAborted();
    const verb = command.split(" ")[0] ?? "";
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(new Error(`${verb}: FreeSWITCH did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const onAbort = () => giveUp.abort(new Error(`${verb} abandoned`));
    signal.addEventListener("abort", onAbort, { once: true });
    const stop = abortion(giveUp.signal);
    const jobId = randomUUID();
    try {
      const socket = await Promise.race([this.whenReady(giveUp.signal), stop]);
      const job = new Promise<string>((resolve, reject) => this.jobs.set(jobId, { resolve, reject }));
      job.catch(() => undefined);
      const reply = replyText(await Promise.race([this.exchange(socket, `bgapi ${command}`, { "Job-UUID": jobId }), stop]));
      if (!reply.startsWith("+OK")) return reply;
      return await Promise.race([job, stop]);
    } finally {
      this.jobs.delete(jobId);
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** Says `exit` and closes; commands waiting fail, and no reconnection follows. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.authListeners.clear();
    clearTimeout(this.retry);
    const socket = this.socket;
    const wasReady = socket !== undefined && socket === this.ready;
    this.dropped(new Error("the event socket was closed"));
    if (socket && wasReady) {
      socket.end(encodeCommand("exit"));
      // FreeSWITCH hangs up after `+OK bye`; one that does not is not waited for.
      setTimeout(() => socket.destroy(), 1_000).unref();
    } else socket?.destroy(); // not authenticated: there is nobody to say goodbye to
    for (const w of this.readyWaiters) w.reject(new Error("the event socket was closed"));
    this.readyWaiters.clear();
  }

  private connect(): void {
    const socket = connect({ host: this.opts.host, port: this.opts.port });
    this.socket = socket;
    const reader = new EslFrameReader();
    let lastError = "";
    const attempt = setTimeout(() => socket.destroy(new Error("no answer")), this.opts.attemptMs ?? 10_000);
    attempt.unref();
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.on("error", (e) => (lastError = e.message));
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const frame of reader.push(chunk)) this.receive(socket, frame, attempt);
      } catch (e) {
        socket.destroy(e as Error);
      }
    });
    socket.on("close", () => {
      clearTimeout(attempt);
      if (socket === this.socket) this.lost(lastError);
    });
  }

  private receive(socket: Socket, frame: EslFrame, attempt: ReturnType<typeof setTimeout>): void {
    if (socket !== this.socket) return; // a socket given up on (closed, or its attempt timed out) has nothing more to say
    const type = frame.headers["Content-Type"];
    if (type === "auth/request") {
      void this.authenticate(socket).then(
        () => clearTimeout(attempt),
        (e: Error) => socket.destroy(e),
      );
    } else if (type === "command/reply" || type === "api/response") {
      this.replies.shift()?.resolve(frame);
    } else if (type === "text/event-plain") {
      const event = parseEventPlain(frame.body);
      const job = event.headers["Event-Name"] === "BACKGROUND_JOB" ? this.jobs.get(event.headers["Job-UUID"] ?? "") : undefined;
      job?.resolve(event.body ?? "");
      this.tell(this.listeners, event);
    }
    // text/disconnect-notice: the socket closes next, which is handled there; nothing else is asked for.
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth = replyText(await this.exchange(socket, `auth ${this.opts.password}`));
    if (auth !== "+OK accepted") {
      this.refusal = new EslAuthRefused(auth);
      this.say(this.where(this.refusal.message));
      for (const w of this.readyWaiters) w.reject(this.refusal);
      this.readyWaiters.clear();
      throw this.refusal;
    }
    const events = ["BACKGROUND_JOB", ...this.opts.events.filter((e) => e !== "BACKGROUND_JOB")];
    const subscribed = replyText(await this.exchange(socket, `event plain ${events.join(" ")}`));
    if (!subscribed.startsWith("+OK")) throw new Error(`FreeSWITCH refused the event subscription (${subscribed})`);
    this.ready = socket;
    this.refusal = undefined;
    this.failures = 0;
    this.authenticated += 1;
    this.say(this.where("authenticated"));
    this.tell(this.authListeners, this.authenticated);
    for (const w of this.readyWaiters) w.resolve(socket);
    this.readyWaiters.clear();
  }

  /** Writes a command and waits for its reply, which comes after the replies of the commands written before it. */
  private exchange(socket: Socket, line: string, headers?: EslHeaders): Promise<EslFrame> {
    const text = encodeCommand(line, headers);
    return new Promise<EslFrame>((resolve, reject) => {
      if (socket !== this.socket || socket.destroyed) return reject(new Error("the event socket closed"));
      this.replies.push({ resolve, reject });
      socket.write(text);
    });
  }

  private whenReady(signal: AbortSignal): Promise<Socket> {
    if (this.closed) return Promise.reject(new Error("the event socket was closed"));
    if (this.ready) return Promise.resolve(this.ready);
    if (this.refusal) return Promise.reject(this.refusal);
    return new Promise<Socket>((resolve, reject) => {
      const waiter: Waiter<Socket> = { resolve, reject };
      this.readyWaiters.add(waiter);
      signal.addEventListener("abort", () => this.readyWaiters.delete(waiter), { once: true });
    });
  }

  /** Fails what waits on this socket: its replies and jobs will never come. */
  private dropped(error: Error): void {
    this.ready = undefined;
    this.socket = undefined;
    for (const w of this.replies) w.reject(error);
    this.replies = [];
    for (const w of this.jobs.values()) w.reject(error);
    this.jobs.clear();
  }

  private lost(lastError: string): void {
    this.dropped(new Error("the event socket closed"));
    if (this.closed) return;
    const delay = reconnectDelay(this.failures, this.opts.backoff ?? DEFAULT_BACKOFF);
    this.failures += 1;
    // A refusal was said when it came (and repeats on every retry: said once).
    this.say(this.where(this.refusal ? this.refusal.message : `lost or unreachable${lastError ? ` (${lastError})` : ""}; retrying`));
    this.retry = setTimeout(() => this.connect(), delay);
    this.retry.unref();
  }

  /** Calls each listener; one that throws is logged, and must not take the socket down with it (this runs inside the socket's data handler). */
  private tell<T>(listeners: Iterable<(value: T) => void>, value: T): void {
    for (const l of listeners) {
      try {
        l(value);
      } catch (e) {
        this.opts.log(`freeswitch: an event-socket listener failed: ${(e as Error).message}`);
      }
    }
  }

  private where(what: string): string {
    return `freeswitch: event socket at ${this.opts.host}:${this.opts.port}: ${what}`;
  }

  /** Logs a line unless it repeats the last one: a FreeSWITCH that is down would otherwise say the same thing every few seconds. */
  private say(line: string): void {
    if (line !== this.lastLog) this.opts.log(line);
    this.lastLog = line;
  }
}

function replyText(frame: EslFrame): string {
  return frame.headers["Reply-Text"] ?? frame.body.trim();
}
