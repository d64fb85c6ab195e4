import { beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { agentLegFromStore } from "@/ingest/freeswitch/agent-leg";
import { freshTenant, testStore } from "../helpers/store";
import { ingestEvents } from "../recordings/recorded-call";
import { FakeSwitch } from "../../fakes/freeswitch-esl/fake-switch";

/**
 * The adapter's default way to the agent's leg of a call, as production reads it: the site's
 * events in the store (embedded chDB), here the fake switch's feed of a few minutes' floor.
 */
describe("the FreeSWITCH agent leg, read from the store", () => {
  let ch: ClickHouseClient;
  beforeAll(async () => {
    ({ ch } = await testStore());
  });

  it("is the agent channel's uuid while the call is in conversation, ended after, unknown for another call or tenant", async () => {
    const tenantId = freshTenant("fs");
    const sw = new FakeSwitch(Date.now() - 3_600_000, { queue: "support@default", agents: ["1001", "1002"], phones: [], arrivalEveryS: 60, talkS: () => 120 });
    sw.advance(10 * 60_000);
    const feed = sw.feed.map((e) => ({ ...e, tenantId }));
    await ingestEvents(ch, feed);
    const cleared = feed.find((e) => e.type === "call.connection_cleared");
    const talking = [...sw.channels.values()].find((c) => c.ext !== undefined && c.answered);
    if (!cleared?.callId || !talking) throw new Error("the fake floor should have a finished call and one in conversation");
    const talkingCall = talking.vars.cc_member_session_uuid ?? "";
    const find = agentLegFromStore(async () => ch, tenantId);
    expect(await find(talkingCall)).toMatchObject({ callId: talkingCall, agentId: talking.ext, queueId: "support@default", channelId: talking.uuid });
    expect(await find(cleared.callId)).toBe("ended");
    expect(await find("no-such-call")).toBeUndefined();
    expect(await agentLegFromStore(async () => ch, freshTenant("other"))(talkingCall)).toBeUndefined();
  });
});
