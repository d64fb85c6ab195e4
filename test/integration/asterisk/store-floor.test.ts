import { beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
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
});
