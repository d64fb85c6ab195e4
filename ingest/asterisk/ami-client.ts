import net from "node:net";
import { CommandFailed } from "@/lib/telephony/commands";
import { SharedOpen } from "./shared-open";

/**
 * A small AMI client (Asterisk Manager Interface, main/manager.c): one TCP session,
 * logged in once with `Events: off` (we ask, we do not listen), actions as `Key: value`
 * lines ended by a blank line, each with an ActionID its answer repeats. An action
 * that lists things (QueueStatus) answers `Response: Success` with `EventList: start`,
 * then events carrying the ActionID, then one with `EventList: Complete`.
 * The session is used only once its Login succeeded: callers meanwhile share the one login
 * (each waiting under its own signal), and a session whose login fails or hangs is closed.
 */
export type AmiConfig = { host: string; port: number; user: string; secret: string };
export type AmiMessage = Record<string, string>;
export type AmiAnswer = { response: AmiMessage; events: AmiMessage[] };

type Pending = { socket: net.Socket; resolve: (a: AmiAnswer) => void; reject: (e: Error) => void; response?: AmiMessage; events: AmiMessage[] };

/** How long connecting and logging in may take, whoever is waiting (each caller waits under its own signal). */
const OPEN_MS = 10_000;

export class AmiClient {
  /** The logged-in session; set only once Login succeeded, so no action goes out before it. */
  private socket: net.Socket | undefined;
  private readonly opening: SharedOpen<net.Socket>;
  private buffer = "";
  private greeted = false;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly config: AmiConfig,
    openMs = OPEN_MS,
  ) {
    this.opening = new SharedOpen((signal) => this.open(signal), openMs, "the AMI login");
  }

  /** Runs one action; `Response: Error` is returned, not thrown (its Message is the caller's to read). */
  async action(fields: AmiMessage, signal: AbortSignal): Promise<AmiAnswer> {
    const socket = await this.loggedIn(signal);
    return this.send(socket, fields, signal);
  }

  close(): void {
    this.opening.cancel();
    const s = this.socket;
    this.socket = undefined;
    s?.destroy();
    if (s) this.failAll(s, new CommandFailed("unreachable", "the AMI connection was closed"));
  }

  /** The logged-in session, opened once for all callers at a time under its own timeout. */
  private loggedIn(signal: AbortSignal): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    return this.opening.join(signal);
  }

  /** Connects and logs in; on any failure the socket is destroyed, never left for later actions. */
  private async open(signal: AbortSignal): Promise<net.Socket> {
    const socket = net.connect(this.config.port, this.config.host);
    try {
      await this.connected(socket, signal);
      const login = await this.send(socket, { Action: "Login", Username: this.config.user, Secret: this.config.secret, Events: "off" }, signal);
      if (login.response.Response !== "Success") {
        throw new CommandFailed(
          "not_permitted",
          `AMI refused the login of ${this.config.user}: ${login.response.Message ?? "no message"} (check AMI_USER / AMI_SECRET and manager.conf)`,
        );
      }
      // A close() while the answer was on its way.
      if (signal.aborted || socket.destroyed) throw new CommandFailed("unreachable", "the AMI connection closed while logging in");
    } catch (e) {
      socket.destroy();
      throw e;
    }
    this.socket = socket;
    return socket;
  }

  private async connected(socket: net.Socket, signal: AbortSignal): Promise<void> {
    socket.setEncoding("utf8");
    this.buffer = "";
    this.greeted = false;
    await new Promise<void>((resolve, reject) => {
      const aborted = () => reject(new CommandFailed("timeout", "AMI did not accept the connection in time"));
      if (signal.aborted) return aborted();
      signal.addEventListener("abort", aborted, { once: true });
      socket.once("connect", () => {
        signal.removeEventListener("abort", aborted);
        resolve();
      });
      socket.once("error", (e) => {
        signal.removeEventListener("abort", aborted);
        reject(new CommandFailed("unreachable", `AMI at ${this.config.host}:${this.config.port} could not be reached: ${e.message}`));
      });
    });
    socket.on("data", (chunk: string) => this.received(chunk));
    socket.on("error", () => {});
    socket.once("close", () => {
      if (this.socket === socket) this.socket = undefined;
      this.failAll(socket, new CommandFailed("unreachable", "the AMI connection closed"));
    });
  }

  private send(socket: net.Socket, fields: AmiMessage, signal: AbortSignal): Promise<AmiAnswer> {
    const id = `ccs-${this.nextId++}`;
    return new Promise<AmiAnswer>((resolve, reject) => {
      const aborted = () => {
        this.pending.delete(id);
        reject(new CommandFailed("timeout", `AMI did not answer ${fields.Action ?? "the action"} in time`));
      };
      if (signal.aborted) return aborted();
      if (socket.destroyed) return reject(new CommandFailed("unreachable", "AMI is not connected"));
      signal.addEventListener("abort", aborted, { once: true });
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          signal.removeEventListener("abort", aborted);
          f(v);
        };
      this.pending.set(id, { socket, resolve: settle(resolve), reject: settle(reject), events: [] });
      const lines = Object.entries({ ...fields, ActionID: id }).map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, " ")}\r\n`);
      socket.write(`${lines.join("")}\r\n`);
    });
  }

  private received(chunk: string): void {
    this.buffer += chunk;
    if (!this.greeted) {
      // The greeting is one line ("Asterisk Call Manager/12.0.0"), without a blank line after it.
      const eol = this.buffer.indexOf("\r\n");
      if (eol < 0) return;
      this.greeted = true;
      this.buffer = this.buffer.slice(eol + 2);
    }
    for (let end = this.buffer.indexOf("\r\n\r\n"); end >= 0; end = this.buffer.indexOf("\r\n\r\n")) {
      const block = parseBlock(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 4);
      this.dispatch(block);
    }
  }

  private dispatch(m: AmiMessage): void {
    const id = m.ActionID;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) return;
    if (m.Response !== undefined) {
      p.response = m;
      if (m.EventList?.toLowerCase() === "start" && m.Response === "Success") return;
    } else if (m.Event !== undefined) {
      if (m.EventList?.toLowerCase() !== "complete") {
        p.events.push(m);
        return;
      }
    }
    if (!p.response) return;
    this.pending.delete(id);
    p.resolve({ response: p.response, events: p.events });
  }

  /** The actions waiting on one connection (a connection given up on may close while the next logs in). */
  private failAll(socket: net.Socket, e: Error): void {
    for (const [id, p] of [...this.pending]) {
      if (p.socket !== socket) continue;
      this.pending.delete(id);
      p.reject(e);
    }
  }
}

export function parseBlock(text: string): AmiMessage {
  const out: AmiMessage = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}
