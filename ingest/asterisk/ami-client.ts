import net from "node:net";
import { CommandFailed } from "@/lib/telephony/commands";

/**
 * A small AMI client (Asterisk Manager Interface, main/manager.c): one TCP session,
 * logged in once with `Events: off` (we ask, we do not listen), actions as `Key: value`
 * lines ended by a blank line, each with an ActionID its answer repeats. An action
 * that lists things (QueueStatus) answers `Response: Success` with `EventList: start`,
 * then events carrying the ActionID, then one with `EventList: Complete`.
 */
export type AmiConfig = { host: string; port: number; user: string; secret: string };
export type AmiMessage = Record<string, string>;
export type AmiAnswer = { response: AmiMessage; events: AmiMessage[] };

type Pending = { resolve: (a: AmiAnswer) => void; reject: (e: Error) => void; response?: AmiMessage; events: AmiMessage[] };

export class AmiClient {
  private socket: net.Socket | undefined;
  private opening: Promise<void> | undefined;
  private buffer = "";
  private greeted = false;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly config: AmiConfig) {}

  /** Runs one action; `Response: Error` is returned, not thrown (its Message is the caller's to read). */
  async action(fields: AmiMessage, signal: AbortSignal): Promise<AmiAnswer> {
    await this.ensureLoggedIn(signal);
    return this.send(fields, signal);
  }

  close(): void {
    const s = this.socket;
    this.socket = undefined;
    s?.destroy();
    this.failAll(new CommandFailed("unreachable", "the AMI connection was closed"));
  }

  private ensureLoggedIn(signal: AbortSignal): Promise<void> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve();
    this.opening ??= this.open(signal).finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async open(signal: AbortSignal): Promise<void> {
    const socket = net.connect(this.config.port, this.config.host);
    socket.setEncoding("utf8");
    this.buffer = "";
    this.greeted = false;
    await new Promise<void>((resolve, reject) => {
      const aborted = () => {
        socket.destroy();
        reject(new CommandFailed("timeout", "AMI did not accept the connection in time"));
      };
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
      this.failAll(new CommandFailed("unreachable", "the AMI connection closed"));
    });
    this.socket = socket;
    const login = await this.send({ Action: "Login", Username: this.config.user, Secret: this.config.secret, Events: "off" }, signal);
    if (login.response.Response !== "Success") {
      this.close();
      throw new CommandFailed(
        "not_permitted",
        `AMI refused the login of ${this.config.user}: ${login.response.Message ?? "no message"} (check AMI_USER / AMI_SECRET and manager.conf)`,
      );
    }
  }

  private send(fields: AmiMessage, signal: AbortSignal): Promise<AmiAnswer> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new CommandFailed("unreachable", "AMI is not connected"));
    const id = `ccs-${this.nextId++}`;
    return new Promise<AmiAnswer>((resolve, reject) => {
      const aborted = () => {
        this.pending.delete(id);
        reject(new CommandFailed("timeout", `AMI did not answer ${fields.Action ?? "the action"} in time`));
      };
      if (signal.aborted) return aborted();
      signal.addEventListener("abort", aborted, { once: true });
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          signal.removeEventListener("abort", aborted);
          f(v);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject), events: [] });
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

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
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
