import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FakeEslServer } from "../../fakes/freeswitch-esl/esl-server";

/**
 * The fake event socket speaks mod_event_socket's inbound protocol as documented (and as
 * mod_event_socket.c writes it), read here byte by byte with a plain TCP client rather than
 * through our event-socket client (esl-client.ts), so the fake cannot merely agree with the client the adapter uses.
 */
type Packet = { headers: Record<string, string>; body: string };

class RawClient {
  private buffer = "";
  private readonly packets: Packet[] = [];
  private waiting: (() => void) | undefined;
  closed = false;
  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk) => {
      this.buffer += chunk.toString("utf8");
      this.parse();
    });
    socket.on("close", () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    return new RawClient(socket);
  }

  send(text: string): void {
    this.socket.write(text);
  }

  async next(): Promise<Packet> {
    while (this.packets.length === 0) {
      if (this.closed) throw new Error("socket closed");
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    return this.packets.shift() as Packet;
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end < 0) break;
      const headers = Object.fromEntries(
        this.buffer
          .slice(0, end)
          .split("\n")
          .map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]),
      );
      const length = Number(headers["Content-Length"] ?? 0);
      if (Buffer.byteLength(this.buffer.slice(end + 2)) < length) break;
      const body = Buffer.from(this.buffer.slice(end + 2))
        .subarray(0, length)
        .toString("utf8");
      this.buffer = this.buffer.slice(end + 2 + body.length);
      this.packets.push({ headers, body });
    }
    this.waiting?.();
  }
}

let server: FakeEslServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(): Promise<number> {
  server = new FakeEslServer(
    "ClueCon",
    (cmd, arg) => (cmd === "echo" ? `${arg}\n` : `-ERR ${cmd} Command not found!\n`),
    () => 1_700_000_000_000,
  );
  return server.listen();
}

describe("the fake event socket", () => {
  it("asks for auth, refuses a wrong password with -ERR invalid and a disconnect notice, and closes", async () => {
    const c = await RawClient.open(await serve());
    expect((await c.next()).headers).toEqual({ "Content-Type": "auth/request" });
    c.send("auth wrong\n\n");
    expect((await c.next()).headers).toEqual({ "Content-Type": "command/reply", "Reply-Text": "-ERR invalid" });
    const notice = await c.next();
    expect(notice.headers["Content-Type"]).toBe("text/disconnect-notice");
    expect(notice.body).toContain("Disconnected, goodbye.");
    await expect(c.next()).rejects.toThrow("socket closed");
  });

  it("answers api with api/response, bgapi with a Job-UUID reply then a BACKGROUND_JOB event, and events in plain and json", async () => {
    const c = await RawClient.open(await serve());
    await c.next();
    c.send("auth ClueCon\n\n");
    expect((await c.next()).headers["Reply-Text"]).toBe("+OK accepted");

    c.send("api echo hello world\n\n");
    const api = await c.next();
    expect(api).toEqual({ headers: { "Content-Type": "api/response", "Content-Length": "12" }, body: "hello world\n" });
    c.send("api nosuch x\n\n");
    expect((await c.next()).body).toBe("-ERR nosuch Command not found!\n");

    c.send("event plain BACKGROUND_JOB CHANNEL_CREATE\n\n");
    expect((await c.next()).headers["Reply-Text"]).toBe("+OK event listener enabled plain");
    c.send("bgapi echo a b\nJob-UUID: job-1\n\n");
    expect((await c.next()).headers).toEqual({ "Content-Type": "command/reply", "Reply-Text": "+OK Job-UUID: job-1", "Job-UUID": "job-1" });
    const job = await c.next();
    expect(job.headers["Content-Type"]).toBe("text/event-plain");
    // The serialized event: url-encoded headers, then its own Content-Length and the command's output.
    expect(job.body).toContain("Event-Name: BACKGROUND_JOB\n");
    expect(job.body).toContain("Job-UUID: job-1\n");
    expect(job.body).toContain("Job-Command-Arg: a%20b\n");
    expect(job.body.endsWith("Content-Length: 4\n\na b\n")).toBe(true);

    c.send("event json CHANNEL_CREATE\n\n");
    expect((await c.next()).headers["Reply-Text"]).toBe("+OK event listener enabled json");
    server?.fire("CHANNEL_CREATE", { "Unique-ID": "u-1", variable_cc_queue: "support@default" });
    const created = await c.next();
    expect(created.headers["Content-Type"]).toBe("text/event-json");
    expect(JSON.parse(created.body)).toMatchObject({
      "Event-Name": "CHANNEL_CREATE",
      "Unique-ID": "u-1",
      variable_cc_queue: "support@default",
      "Event-Date-Timestamp": "1700000000000000",
    });
    server?.fire("CHANNEL_ANSWER", { "Unique-ID": "u-1" }); // not subscribed: nothing comes

    c.send("exit\n\n");
    expect((await c.next()).headers["Reply-Text"]).toBe("+OK bye");
    expect((await c.next()).headers["Content-Type"]).toBe("text/disconnect-notice");
    c.close();
  });
});
