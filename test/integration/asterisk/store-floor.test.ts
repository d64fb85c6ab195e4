import { beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { queueMembersFrom } from "@/ingest/asterisk/floor";
import { storeFloor } from "@/ingest/asterisk/store-floor";
import { QueueLogMapper } from "@/ingest/queue-log";
import { freshTenant, testStore } from "../helpers/store";
import { ingestEvents } from "../recordings/recorded-call";

/**
 * The adapter's floor as production reads it: queue_log lines through the real importer into
 * the store (embedded chDB), then the call's agent channel and an agent's member interface read
 * back with the store's queries.
 */
describe("the Asterisk adapter's floor, read from the store", () => {
  let ch: ClickHouseClient;
  beforeAll(async () => {
    ({ ch } = await testStore());
  });

  it("finds a call's agent channel while it is in conversation, says ended after, and knows an agent's interface", async () => {
    const tenantId = freshTenant("ast");
    const now = Date.now();
    const t = Math.floor(now / 1000) - 600;
    const mapper = new QueueLogMapper({ tenantId, source: "asterisk://store-test" });
    const lines = [
      `${t}|MANAGER|support|Local/1001@agents/n|ADDMEMBER|`,
      `${t + 10}|${t}.5|support|NONE|ENTERQUEUE||5551234|1`,
      `${t + 14}|${t}.5|support|Local/1001@agents/n|CONNECT|4|${t}.7|0`,
    ];
    await ingestEvents(
      ch,
      lines.flatMap((l, i) => mapper.push(l, i + 1).events),
    );
    const floor = storeFloor(
      async () => ch,
      tenantId,
      () => now,
    );
    expect(await floor.connectedLeg(`${t}.5`)).toEqual({ callId: `${t}.5`, legId: `${t}.5.1`, queueId: "support", agentId: "1001", channelId: `${t}.7` });
    expect(await floor.memberInterface("1001")).toBe("Local/1001@agents/n");
    expect(await floor.memberInterface("1002")).toBeUndefined();
    expect(await floor.connectedLeg("no-such-call")).toBeUndefined();

    await ingestEvents(ch, mapper.push(`${t + 60}|${t}.5|support|Local/1001@agents/n|COMPLETEAGENT|4|46|1`, 4).events);
    expect(await floor.connectedLeg(`${t}.5`)).toBe("ended");
    // Another tenant's floor does not see this one's.
    expect(
      await storeFloor(
        async () => ch,
        freshTenant("other"),
        () => now,
      ).memberInterface("1001"),
    ).toBeUndefined();
  });

  it("lists a queue's members with their latest state, reason and interface, and knows no queue it never saw", async () => {
    const tenantId = freshTenant("ast-members");
    const now = Date.now();
    const t = Math.floor(now / 1000) - 900;
    const mapper = new QueueLogMapper({ tenantId, source: "asterisk://store-test" });
    const lines = [
      `${t}|MANAGER|support|Local/1001@agents/n|ADDMEMBER|`,
      `${t}|MANAGER|support|Local/1002@agents/n|ADDMEMBER|`,
      `${t}|MANAGER|sales|Local/1003@agents/n|ADDMEMBER|`,
      `${t + 5}|MANAGER|support|Local/1002@agents/n|PAUSE|Lunch`,
      `${t + 10}|${t}.5|support|NONE|ENTERQUEUE||5551234|1`,
      `${t + 14}|${t}.5|support|Local/1001@agents/n|CONNECT|4|${t}.7|0`,
      `${t + 60}|${t}.5|support|Local/1001@agents/n|COMPLETEAGENT|4|46|1`,
    ];
    const events = lines.flatMap((l, i) => mapper.push(l, i + 1).events);
    await ingestEvents(ch, events);
    const floor = storeFloor(
      async () => ch,
      tenantId,
      () => now,
    );
    const members = (await floor.queueMembers("support"))?.sort((a, b) => a.agentId.localeCompare(b.agentId));
    // 1001: on a call from t+14, which it ended at t+60 with no wrap-up (wrapUpSeconds 0): ready again since then.
    // 1002: paused for lunch at t+5 and never unpaused. 1003 is a member of sales only.
    expect(members?.map((m) => [m.agentId, m.memberInterface, m.state, m.reasonCode ?? null])).toEqual([
      ["1001", "Local/1001@agents/n", "ready", null],
      ["1002", "Local/1002@agents/n", "not_ready", "Lunch"],
    ]);
    expect(members?.find((m) => m.agentId === "1002")?.since).toBe((t + 5) * 1000);
    expect(members?.find((m) => m.agentId === "1001")?.since).toBe((t + 60) * 1000);
    // The store's query and the in-memory reading of the same events agree.
    expect(members).toEqual(queueMembersFrom(events, "support")?.sort((a, b) => a.agentId.localeCompare(b.agentId)));
    expect((await floor.queueMembers("sales"))?.map((m) => m.agentId)).toEqual(["1003"]);
    expect(await floor.queueMembers("no-such-queue")).toBeUndefined();
  });
});
