import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";

/**
 * A fake of FreeSWITCH's event socket (mod_event_socket, inbound mode) for CI, following
 * the documented protocol ("mod_event_socket", freeswitch.org/confluence page 1048924, now at
 * developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod_event_socket_1048924) and,
 * where the page is silent, what src/mod/event_handlers/mod_event_socket/mod_event_socket.c
 * writes:
 *
 * - on connect: `Content-Type: auth/request`; `auth <password>` answers `+OK accepted`, or
 *   `-ERR invalid` and a `text/disconnect-notice` before the socket closes;
 * - a command is lines ending in a blank line; replies are `Content-Type: command/reply`
 *   with `Reply-Text`;
 * - `api <cmd> <arg>`: `Content-Type: api/response` with Content-Length and the command's
 *   output as the body; `bgapi`: `Reply-Text: +OK Job-UUID: <id>` and a `Job-UUID` header
 *   at once (the client's `Job-UUID` header when it sent one), then a BACKGROUND_JOB event
 *   (Job-UUID, Job-Command, Job-Command-Arg, the output as its body);
 * - `event plain|json <names...>` (CUSTOM followed by subclasses): `+OK event listener
 *   enabled <format>`; events go out as `text/event-plain` (url-encoded `Name: value`
 *   lines) or `text/event-json` (the headers as an object, the body as `_body`), each
 *   framed by Content-Length;
 * - `exit`: `+OK bye`, then the disconnect notice. An unknown API command answers
 *   `-ERR <cmd> Command not found!`.
 *
 * What the commands do is the switch's business (fake-switch.ts): this file only speaks
 * the protocol.
 */
export type ApiHandler = (command: string, arg: string) => string | Promise<string>;
export type EventHeaders = Record<string, string>;
type Listener = { socket: Socket; format: "plain" | "json"; events: Set<string>; subclasses: Set<string>; all: boolean };

const DISCONNECT = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

export class FakeEslServer {
  private readonly server: Server;
  private readonly listeners = new Set<Listener>();
  private readonly sockets = new Set<Socket>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Every command line received, in order (tests read what the adapter asked). */
  readonly received: string[] = [];
  private sequence = 0;

  constructor(
    private readonly password: string,
    private readonly api: ApiHandler,
    private readonly now: () => number,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Listens on `port` (a free one by default: 0), and says which. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    const address = this.server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    return address.port;
  }

  /** Fires an event to every listener subscribed to it, as switch_event_fire does. */
  fire(name: string, headers: EventHeaders, body?: string): void {
    const all: EventHeaders = {
      "Event-Name": name,
      "Core-UUID": "fake-core-0001",
      "FreeSWITCH-Hostname": "fake-freeswitch",
      "Event-Date-Timestamp": String(Math.round(this.now()) * 1000),
      "Event-Sequence": String(++this.sequence),
      ...headers,
    };
    for (const l of this.listeners) {
      const subclass = all["Event-Subclass"];
      const wanted = l.all || l.events.has(name) || (name === "CUSTOM" && subclass !== undefined && l.subclasses.has(subclass));
      if (wanted) l.socket.write(encodeEvent(l.format, all, body));
    }
  }

  /** Cuts every client's socket, as a FreeSWITCH restart or a network fault would. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  /** Resolves once every command received so far has been answered (bgapi jobs included). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const listener: Listener = { socket, format: "plain", events: new Set(), subclasses: new Set(), all: false };
    let authed = false;
    let buffer = "";
    // Commands are handled one at a time per socket, as mod_event_socket's listener thread does.
    let queue = Promise.resolve();
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.listeners.delete(listener);
    });
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const [line = "", ...headerLines] = buffer.slice(0, end).replace(/\r/g, "").split("\n");
        buffer = buffer.slice(end + 2);
        const headers = new Map(headerLines.map((h) => [h.slice(0, h.indexOf(":")).toLowerCase(), h.slice(h.indexOf(":") + 1).trim()]));
        this.received.push(line);
        const step = queue.then(async () => {
          if (socket.destroyed) return;
          if (!authed) {
            authed = line === `auth ${this.password}`;
            socket.write(reply(authed ? "+OK accepted" : "-ERR invalid"));
            if (!authed) this.goodbye(socket);
            return;
          }
          await this.command(listener, line, headers);
        });
        queue = step;
        this.track(step);
      }
    });
    socket.write("Content-Type: auth/request\n\n");
  }

  private track(p: Promise<unknown>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async command(l: Listener, line: string, headers: Map<string, string>): Promise<void> {
    const [verb = "", ...rest] = line.split(" ");
    const socket = l.socket;
    if (verb === "exit") {
      socket.write(reply("+OK bye"));
      this.goodbye(socket);
    } else if (verb === "event") {
      const [format, ...names] = rest.filter((n) => n.length > 0);
      if (format !== "plain" && format !== "json") return void socket.write(reply("-ERR invalid format"));
      if (names.length === 0) return void socket.write(reply("-ERR no keywords supplied"));
      l.format = format;
      let custom = false;
      for (const n of names) {
        if (n === "ALL") l.all = true;
        else if (n === "CUSTOM") custom = true;
        else if (custom) l.subclasses.add(n);
        else l.events.add(n);
      }
      this.listeners.add(l);
      socket.write(reply(`+OK event listener enabled ${format}`));
    } else if (verb === "api") {
      const out = await this.run(rest);
      socket.write(`Content-Type: api/response\nContent-Length: ${Buffer.byteLength(out)}\n\n${out}`);
    } else if (verb === "bgapi") {
      const job = headers.get("job-uuid") ?? randomUUID();
      socket.write(`Content-Type: command/reply\nReply-Text: +OK Job-UUID: ${job}\nJob-UUID: ${job}\n\n`);
      const [cmd = "", ...args] = rest;
      this.track(this.run(rest).then((out) => this.fire("BACKGROUND_JOB", { "Job-UUID": job, "Job-Command": cmd, "Job-Command-Arg": args.join(" ") }, out)));
    } else {
      socket.write(reply("-ERR command not found"));
    }
  }

  private async run([cmd = "", ...args]: string[]): Promise<string> {
    return (await this.api(cmd, args.join(" "))) || "-ERR no reply\n";
  }

  private goodbye(socket: Socket): void {
    socket.write(`Content-Type: text/disconnect-notice\nContent-Length: ${DISCONNECT.length}\n\n${DISCONNECT}`);
    socket.end();
  }
}

function reply(text: string): string {
  return `Content-Type: command/reply\nReply-Text: ${text}\n\n`;
}

/** switch_event_serialize (plain, values url-encoded) or switch_event_serialize_json (body as _body), framed as mod_event_socket sends them. */
export function encodeEvent(format: "plain" | "json", headers: EventHeaders, body?: string): string {
  let payload: string;
  if (format === "json") {
    payload = JSON.stringify(body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)), _body: body });
  } else {
    payload = Object.entries(headers)
      .map(([k, v]) => `${k}: ${encodeURIComponent(v)}\n`)
      .join("");
    payload += body === undefined ? "\n" : `Content-Length: ${Buffer.byteLength(body)}\n\n${body}`;
  }
  return `Content-Length: ${Buffer.byteLength(payload)}\nContent-Type: text/event-${format}\n\n${payload}`;
}
