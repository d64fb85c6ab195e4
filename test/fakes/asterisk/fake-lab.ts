import type { CtiEvent } from "@/lib/events";
import { AsteriskAdapter } from "@/ingest/asterisk/adapter";
import { connectedLegFrom, memberInterfaceFrom, queueMembersFrom, type AsteriskFloor } from "@/ingest/asterisk/floor";
import { QueueLogMapper } from "@/ingest/queue-log";
import { recordingContext } from "../../unit/helpers/platform-context";
import { FakeAmiServer } from "./fake-ami-server";
import { FakeAriServer } from "./fake-ari-server";
import { FakeAsterisk } from "./fake-asterisk";

/**
 * The Asterisk adapter against the fake Asterisk, wired as production wires it: the call
 * and agent events come from the fake's queue_log through the real queue_log importer
 * (QueueLogMapper), the supervision events from the adapter, and the adapter's floor
 * lookups read those same events. Time is the fake's clock: pass() moves it, then waits
 * until every WebSocket client has handled what was sent (a ping answered), then imports
 * the queue_log lines written meanwhile.
 */
export const FAKE_ARI = { user: "ccs", password: "fake-ari-secret", app: "ccs-supervisor" };
export const FAKE_AMI = { user: "ccs", secret: "fake-ami-secret" };
/** A Monday 10:00 UTC: the floor has been open for five minutes when a test starts. */
const START = Date.UTC(2026, 0, 5, 10, 0, 0);

export type FakeLab = {
  asterisk: FakeAsterisk;
  ariServer: FakeAriServer;
  amiServer: FakeAmiServer;
  adapter: AsteriskAdapter;
  ariUrl: string;
  events(): CtiEvent[];
  log: string[];
  pass(ms: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startFakeLab(o: { staticMembers?: readonly string[] } = {}): Promise<FakeLab> {
  // Four agents, a caller every 40 s talking 90-150 s: about three agents on calls at any time, one ready.
  const asterisk = new FakeAsterisk(START - 5 * 60_000, {
    queue: "support",
    agents: ["1001", "1002", "1003", "1004"],
    arrivalEveryS: 40,
    talkS: (n) => 90 + ((n * 37) % 61),
  });
  asterisk.advance(5 * 60_000);
  const ariServer = new FakeAriServer(asterisk, FAKE_ARI);
  const amiServer = new FakeAmiServer(asterisk.floor, { ...FAKE_AMI, staticMembers: o.staticMembers });
  const ariUrl = await ariServer.listen();
  const amiPort = await amiServer.listen();

  const mapper = new QueueLogMapper({ tenantId: "t1", source: "asterisk://fake" });
  const delivered: CtiEvent[] = [];
  let read = 0;
  const importLines = () => {
    const lines = asterisk.floor.lines;
    for (; read < lines.length; read++) delivered.push(...mapper.push(lines[read] ?? "", read + 1).events);
  };
  importLines();
  const floor: AsteriskFloor = {
    connectedLeg: async (callId) => connectedLegFrom(delivered.filter((e) => e.callId === callId)),
    memberInterface: async (agentId) => memberInterfaceFrom(delivered.filter((e) => e.agentId === agentId)),
    queueMembers: async (queueId) => queueMembersFrom(delivered, queueId),
  };
  const adapter = new AsteriskAdapter({
    ari: { url: ariUrl, ...FAKE_ARI },
    ami: { host: "127.0.0.1", port: amiPort, user: FAKE_AMI.user, secret: FAKE_AMI.secret },
    floor,
    tenantId: "t1",
    source: "asterisk://fake",
    now: () => asterisk.now(),
  });
  const { ctx, got } = recordingContext();
  const ctxLive = ctx.events.live;
  const recording = { ...ctx, events: { ...ctx.events, live: (events: CtiEvent[]) => (delivered.push(...events), ctxLive(events)) } };
  await adapter.start(recording);
  return {
    asterisk,
    ariServer,
    amiServer,
    adapter,
    ariUrl,
    events: () => [...delivered],
    log: got.log,
    pass: async (ms) => {
      asterisk.advance(ms);
      await ariServer.flush();
      // Once round the event loop even with no socket to flush, so a caller's pending I/O (AMI, HTTP) moves on.
      await new Promise((resolve) => setImmediate(resolve));
      importLines();
    },
    stop: async () => {
      await adapter.stop();
      await Promise.all([ariServer.close(), amiServer.close()]);
    },
  };
}
