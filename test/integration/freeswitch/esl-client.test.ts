import { createServer } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EslAuthRefused, EslClient, type EslClientOptions } from "@/ingest/freeswitch/esl-client";
import type { EslEvent } from "@/ingest/freeswitch/esl-frames";
import { FakeEslServer } from "../../fakes/freeswitch-esl/esl-server";

/**
 * Our event-socket client against the fake event socket (which follows mod_event_socket's
 * documented protocol, and is itself checked by a raw TCP client in fake-esl-protocol.test.ts):
 * authentication and its refusal, bgapi jobs, events, and reconnection. Loopback sockets,
 * hence the integration project.
 */
const PASSWORD = "ClueCon";
const slow = { timeout: 20_000 };
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A fake whose `echo` answers its argument and whose `hang` answers only when the test lets it. */
async function fake(port = 0): Promise<{ server: FakeEslServer; port: number; release: () => void }> {
  const held: (() => void)[] = [];
  const server = new FakeEslServer(
    PASSWORD,
    (cmd, arg) =>
      cmd === "echo" ? `${arg}\n` : cmd === "hang" ? new Promise<string>((resolve) => held.push(() => resolve("+OK late\n"))) : `-ERR ${cmd} Command not found!\n`,
    () => 1_700_000_000_000,
  );
  const bound = await server.listen(port);
  const release = () => held.splice(0).forEach((r) => r());
  cleanup.push(async () => {
    release();
    await server.close();
  });
  return { server, port: bound, release };
}

function client(port: number, o: Partial<EslClientOptions> = {}): { esl: EslClient; log: string[]; events: EslEvent[] } {
  const log: string[] = [];
  const events: EslEvent[] = [];
  const esl = new EslClient({
    host: "127.0.0.1",
    port,
    password: PASSWORD,
    events: ["CHANNEL_CREATE"],
    log: (l) => log.push(l),
    backoff: { firstMs: 20, maxMs: 200 },
    ...o,
  });
  esl.onEvent((e) => events.push(e));
  cleanup.push(() => esl.close());
  return { esl, log, events };
}

const minute = () => AbortSignal.timeout(60_000);

describe("the event-socket client", () => {
  it("authenticates, subscribes to BACKGROUND_JOB and its events, runs bgapi jobs and hands events over decoded", async () => {
    const { server, port } = await fake();
    const { esl, events } = client(port);
    await expect(esl.bgapi("echo héllo  wörld", minute(), 60_000)).resolves.toBe("héllo  wörld\n");
    expect(server.received.slice(0, 3)).toEqual([`auth ${PASSWORD}`, "event plain BACKGROUND_JOB CHANNEL_CREATE", "bgapi echo héllo  wörld"]);
    await expect(esl.bgapi("nosuch x", minute(), 60_000)).resolves.toBe("-ERR nosuch Command not found!\n");
    expect(esl.authentications()).toBe(1);

    server.fire("CHANNEL_CREATE", { "Unique-ID": "u-1", variable_cc_queue: "support@default", "Caller-Caller-ID-Name": "Zoë & Co: 100%" });
    server.fire("CHANNEL_ANSWER", { "Unique-ID": "u-1" }); // not subscribed
    await esl.bgapi("echo after", minute(), 60_000); // the events were written before this job's
    const created = events.filter((e) => e.headers["Event-Name"] !== "BACKGROUND_JOB");
    expect(created).toHaveLength(1);
    expect(created[0]?.headers).toMatchObject({ "Unique-ID": "u-1", variable_cc_queue: "support@default", "Caller-Caller-ID-Name": "Zoë & Co: 100%" });
  });

  it("runs jobs concurrently and gives each its own output (matched by Job-UUID, not by order)", async () => {
    const { port, release } = await fake();
    const { esl } = client(port);
    const held = esl.bgapi("hang", minute(), 60_000);
    await expect(esl.bgapi("echo quick", minute(), 60_000)).resolves.toBe("quick\n");
    release();
    await expect(held).resolves.toBe("+OK late\n");
  });

  it("refuses a wrong password at once with EslAuthRefused, sends nothing more, and says so once in its log", async () => {
    const { server, port } = await fake();
    const { esl, log } = client(port, { password: "wrong" });
    await expect(esl.bgapi("echo x", minute(), 60_000)).rejects.toBeInstanceOf(EslAuthRefused);
    await expect(esl.bgapi("echo x", minute(), 60_000)).rejects.toThrow("FreeSWITCH refused the event-socket password (-ERR invalid)");
    // It goes on trying (the site may fix its configuration), always refused, and says it once.
    await vi.waitFor(() => expect(server.received.filter((l) => l === "auth wrong").length).toBeGreaterThanOrEqual(3), slow);
    expect(server.received.every((l) => l === "auth wrong")).toBe(true);
    expect(log.filter((l) => l.includes("refused"))).toHaveLength(1);
    expect(esl.authentications()).toBe(0);
  });

  it("after a drop: fails the job in flight, reconnects, authenticates and subscribes again, and works", async () => {
    const { server, port } = await fake();
    const { esl, events, log } = client(port);
    const inFlight = esl.bgapi("hang", minute(), 60_000);
    await vi.waitFor(() => expect(server.received).toContain("bgapi hang"), slow);
    server.dropConnections();
    await expect(inFlight).rejects.toThrow("the event socket closed");
    await vi.waitFor(() => expect(esl.authentications()).toBe(2), slow);
    expect(server.received.filter((l) => l.startsWith("auth") || l.startsWith("event"))).toEqual([
      `auth ${PASSWORD}`,
      "event plain BACKGROUND_JOB CHANNEL_CREATE",
      `auth ${PASSWORD}`,
      "event plain BACKGROUND_JOB CHANNEL_CREATE",
    ]);
    expect(log.some((l) => l.includes("lost or unreachable"))).toBe(true);
    server.fire("CHANNEL_CREATE", { "Unique-ID": "u-2" });
    await expect(esl.bgapi("echo again", minute(), 60_000)).resolves.toBe("again\n");
    expect(events.some((e) => e.headers["Unique-ID"] === "u-2")).toBe(true);
  });

  it("keeps trying a FreeSWITCH that is down; a command asked meanwhile runs once it answers", async () => {
    // A port nobody listens on, for now.
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as { port: number }).port)));
    await new Promise((resolve) => probe.close(resolve));
    const { esl, log } = client(port);
    const waiting = esl.bgapi("echo late", minute(), 60_000);
    await vi.waitFor(() => expect(log.some((l) => l.includes("lost or unreachable"))).toBe(true), slow);
    await fake(port);
    await expect(waiting).resolves.toBe("late\n");
    expect(esl.authentications()).toBe(1);
  });

  it("gives a job up at its timeout or when its signal aborts", async () => {
    const { port } = await fake();
    const { esl } = client(port);
    await expect(esl.bgapi("hang", minute(), 300)).rejects.toThrow("hang: FreeSWITCH did not answer within 0.3 s");
    const c = new AbortController();
    const abandoned = esl.bgapi("hang", c.signal, 60_000);
    c.abort();
    await expect(abandoned).rejects.toThrow("hang abandoned");
    await expect(esl.bgapi("echo x", AbortSignal.abort(), 60_000)).rejects.toThrow();
  });

  it("refuses a command with a line break without writing it (it would be a second command)", async () => {
    const { server, port } = await fake();
    const { esl } = client(port);
    await esl.bgapi("echo ready", minute(), 60_000);
    await expect(esl.bgapi("echo x\n\nbgapi fsctl shutdown", minute(), 60_000)).rejects.toThrow("line break");
    await expect(esl.bgapi("echo still", minute(), 60_000)).resolves.toBe("still\n");
    expect(server.received.some((l) => l.includes("fsctl"))).toBe(false);
  });

  it("keeps the socket when a listener throws, and says exit on close, after which commands are refused", async () => {
    const { server, port } = await fake();
    const { esl, log, events } = client(port);
    esl.onEvent(() => {
      throw new Error("a listener's bug");
    });
    await esl.bgapi("echo one", minute(), 60_000);
    server.fire("CHANNEL_CREATE", { "Unique-ID": "u-3" });
    await expect(esl.bgapi("echo two", minute(), 60_000)).resolves.toBe("two\n");
    expect(events.some((e) => e.headers["Unique-ID"] === "u-3")).toBe(true);
    expect(log.some((l) => l.includes("a listener's bug"))).toBe(true);
    expect(esl.authentications()).toBe(1);
    esl.close();
    await vi.waitFor(() => expect(server.received.at(-1)).toBe("exit"), slow);
    await expect(esl.bgapi("echo three", minute(), 60_000)).rejects.toThrow("closed");
  });
});
