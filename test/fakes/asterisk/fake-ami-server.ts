import net from "node:net";
import type { FakeFloor } from "./fake-floor";

/**
 * The fake Asterisk's AMI (main/manager.c and apps/app_queue.c of Asterisk 23): the
 * greeting line, `Key: value` blocks ended by a blank line, ActionID repeated on each
 * answer, Login (a failed one closes the session, as Asterisk does), "Permission denied"
 * before login, QueuePause, QueueRemove and QueueStatus with app_queue's own answers and
 * errors, and "Invalid/unknown command" for the rest. Members are the fake floor's, all
 * dynamic; `staticMembers` makes some static, as queues.conf `member =>` lines are.
 */
export type FakeAmiOptions = { user: string; secret: string; staticMembers?: readonly string[] };

export class FakeAmiServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  /** Every action received, for tests. */
  readonly actions: Record<string, string>[] = [];
  private stallLogin = false;

  constructor(
    private readonly floor: FakeFloor,
    private readonly opts: FakeAmiOptions,
  ) {
    this.server = net.createServer((s) => this.session(s));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this.port;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Sessions open now. */
  get connections(): number {
    return this.sockets.size;
  }

  /** The next session to log in hangs at its Login: it reads what comes and answers nothing (a hung manager thread). */
  stallNextLogin(): void {
    this.stallLogin = true;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    socket.setEncoding("utf8");
    socket.write("Asterisk Call Manager/12.0.0\r\n");
    let buffer = "";
    let authenticated = false;
    let stalled = false;
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\r\n\r\n"); end >= 0; end = buffer.indexOf("\r\n\r\n")) {
        const m = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 4);
        this.actions.push(m);
        const action = (m.Action ?? "").toLowerCase();
        if (action === "login" && this.stallLogin) {
          this.stallLogin = false;
          stalled = true;
        }
        if (stalled) continue;
        const reply = (fields: Record<string, string | undefined>) => socket.write(block(fields));
        const ack = (message: string) => reply({ Response: "Success", ActionID: m.ActionID, Message: message });
        const error = (message: string) => reply({ Response: "Error", ActionID: m.ActionID, Message: message });
        if (action === "") {
          error("Missing action in request");
        } else if (action === "login") {
          if (m.Username === this.opts.user && m.Secret === this.opts.secret) {
            authenticated = true;
            ack("Authentication accepted");
          } else {
            error("Authentication failed");
            socket.end();
            return;
          }
        } else if (!authenticated) {
          error("Permission denied");
        } else if (action === "queuepause") {
          if (!m.Interface || !m.Paused) error("Need 'Interface' and 'Paused' parameters.");
          else {
            const paused = ["yes", "true", "y", "t", "1", "on"].includes(m.Paused.toLowerCase());
            if (this.floor.pause(m.Interface, m.Queue || undefined, paused, m.Reason ?? ""))
              ack(paused ? "Interface paused successfully" : "Interface unpaused successfully");
            else error("Interface not found");
          }
        } else if (action === "queueremove") {
          if (!m.Queue || !m.Interface) error("Need 'Queue' and 'Interface' parameters.");
          else if (this.opts.staticMembers?.includes(m.Interface) && this.floor.members.has(m.Interface)) error("Member not dynamic");
          else {
            const r = this.floor.remove(m.Queue, m.Interface);
            if (r === "ok") ack("Removed interface from queue");
            else error(r === "no_queue" ? "Unable to remove interface from queue: No such queue" : "Unable to remove interface: Not there");
          }
        } else if (action === "queuestatus") {
          socket.write(this.queueStatus(m));
        } else {
          error(`Invalid/unknown command: ${m.Action}. Use Action: ListCommands to show available commands.`);
        }
      }
    });
  }

  private queueStatus(m: Record<string, string>): string {
    const id = m.ActionID;
    const q = this.floor.opts.queue;
    let out = block({ Response: "Success", ActionID: id, EventList: "start", Message: "Queue status will follow" });
    let items = 0;
    if (!m.Queue || m.Queue === q) {
      out += block({
        Event: "QueueParams",
        Queue: q,
        Max: "0",
        Strategy: "rrmemory",
        Calls: "0",
        Holdtime: "0",
        TalkTime: "0",
        Completed: "0",
        Abandoned: "0",
        ServiceLevel: "0",
        ServicelevelPerf: "0.0",
        ServicelevelPerf2: "0.0",
        Weight: "0",
        ActionID: id,
      });
      items++;
      for (const member of this.floor.members.values()) {
        if (m.Member && m.Member !== member.iface) continue;
        const dynamic = !this.opts.staticMembers?.includes(member.iface);
        out += block({
          Event: "QueueMember",
          Queue: q,
          Name: member.iface,
          Location: member.iface,
          StateInterface: member.iface,
          Membership: dynamic ? "dynamic" : "static",
          Penalty: "0",
          CallsTaken: String(member.calls),
          LastCall: String(member.lastCall),
          LastPause: "0",
          LoginTime: "0",
          InCall: member.call ? "1" : "0",
          Status: member.call ? "2" : "1",
          Paused: member.paused ? "1" : "0",
          PausedReason: member.reason,
          Wrapuptime: "0",
          ActionID: id,
        });
        items++;
      }
    }
    return out + block({ Event: "QueueStatusComplete", ActionID: id, EventList: "Complete", ListItems: String(items) });
  }
}

function parse(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

function block(fields: Record<string, string | undefined>): string {
  return `${Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
}
