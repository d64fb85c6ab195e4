import type { CtiEvent } from "@/lib/events";
import { FreeswitchAdapter, type FreeswitchAdapterOptions } from "@/ingest/freeswitch/adapter";
import { connectedLegFrom } from "@/ingest/platform/connected-leg";
import { EslConnection } from "@/ingest/freeswitch/esl-connection";
import { recordingContext } from "../../unit/helpers/platform-context";
import { FakeEslServer } from "./esl-server";
import { FakeSwitch } from "./fake-switch";

/**
 * The FreeSWITCH adapter against the fake switch, wired as production wires it: the call
 * and agent events are the site's feed (here the fake's), the supervision events the
 * adapter's, and the agent's leg of a call is read from those events. Time is the fake's
 * clock: pass() moves it, then waits for one `status` round trip on the adapter's own
 * socket, which FreeSWITCH answers after every event it wrote before (one TCP stream,
 * read in order).
 */
export const FAKE_ESL_PASSWORD = "fake-esl-secret";
export const QUEUE = "support@default";
export const SUPERVISOR_PHONE = "2001";
/** A Monday 10:00 UTC: the floor has been open for five minutes when a test starts. */
const START = Date.UTC(2026, 0, 5, 10, 0, 0);

export type FakeLab = {
  sw: FakeSwitch;
  server: FakeEslServer;
  adapter: FreeswitchAdapter;
  events(): CtiEvent[];
  log: string[];
  pass(ms: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startFakeLab(
  o: Partial<Pick<FreeswitchAdapterOptions, "supervisorDialString" | "callbackDialString" | "supervisorCallbackDialString">> = {},
): Promise<FakeLab> {
  // Four agents, a caller every 40 s talking 90-150 s: about three agents on calls at any time, one ready.
  const sw = new FakeSwitch(START - 5 * 60_000, {
    queue: QUEUE,
    agents: ["1001", "1002", "1003", "1004"],
    phones: [SUPERVISOR_PHONE],
    arrivalEveryS: 40,
    talkS: (n) => 90 + ((n * 37) % 61),
  });
  sw.advance(5 * 60_000);
  const server = new FakeEslServer(
    FAKE_ESL_PASSWORD,
    (cmd, arg) => sw.api(cmd, arg),
    () => sw.time(),
  );
  sw.fire = (name, headers) => server.fire(name, headers);
  const port = await server.listen();

  const supervision: CtiEvent[] = [];
  const events = () => [...sw.feed, ...supervision].sort((a, b) => a.time - b.time);
  const { ctx, got } = recordingContext();
  const live = ctx.events.live;
  const esl = new EslConnection({ host: "127.0.0.1", port, password: FAKE_ESL_PASSWORD }, ctx.log);
  const adapter = new FreeswitchAdapter({
    esl: { host: "127.0.0.1", port, password: FAKE_ESL_PASSWORD },
    connection: () => esl,
    findAgentLeg: async (callId) => connectedLegFrom(events().filter((e) => e.callId === callId)),
    callbackDialString: o.callbackDialString ?? "user/{agent} &bridge(sofia/gateway/pstn/{number})",
    supervisorCallbackDialString: o.supervisorCallbackDialString ?? "user/{extension} &bridge(sofia/gateway/pstn/{number})",
    supervisorDialString: o.supervisorDialString ?? "user/{extension}",
    tenantId: "t1",
    source: "freeswitch://fake",
    now: () => sw.time(),
  });
  await adapter.start({ ...ctx, events: { ...ctx.events, live: (batch) => (supervision.push(...batch), live(batch)) } });
  return {
    sw,
    server,
    adapter,
    events,
    log: got.log,
    pass: async (ms) => {
      sw.advance(ms);
      await esl.api("status", AbortSignal.timeout(10_000));
    },
    stop: async () => {
      await adapter.stop();
      await server.close();
    },
  };
}
