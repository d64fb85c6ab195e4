import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QueueLogTail } from "@/ingest/asterisk/queue-log-tail";
import { recordingContext } from "../../unit/helpers/platform-context";
import { waitFor } from "./lab";

/**
 * The Asterisk adapter's queue_log follower: the file's events from the store's end on, as
 * history until caught up, then live as Asterisk appends. In the integration project: it
 * reads a real file as it grows.
 */
const T = 1_790_000_000;
const lines = [
  `${T}|MANAGER|support|Local/1001@agents/n|ADDMEMBER|`,
  `${T + 10}|${T}.1|support|NONE|ENTERQUEUE||5551001|1`,
  `${T + 12}|${T}.1|support|Local/1001@agents/n|CONNECT|2|${T}.2|0`,
  `${T + 40}|${T}.1|support|Local/1001@agents/n|COMPLETECALLER|2|28|1`,
  `${T + 170}|MANAGER|support|Local/1002@agents/n|ADDMEMBER|`,
  `${T + 200}|${T}.5|support|NONE|ENTERQUEUE||5551002|1`,
  `${T + 203}|${T}.5|support|Local/1001@agents/n|CONNECT|3|${T}.6|0`,
];

let tail: QueueLogTail | undefined;
afterEach(async () => {
  await tail?.stop();
  tail = undefined;
});

describe("the Asterisk adapter's queue_log follower", () => {
  it("delivers the events from the store's end as history, then what Asterisk appends as live", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-tail-"));
    const file = path.join(dir, "queue_log");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    // The store holds events up to the second call; the minute before it is delivered again (ids make repeats harmless).
    const { ctx, got } = recordingContext((T + 200) * 1000);
    tail = new QueueLogTail({ file, tenantId: "t1", source: "asterisk://pbx1", wrapUpSeconds: 0, pollMs: 20 });
    await tail.start(ctx);
    const history = got.history.flat();
    expect(history.map((e) => [e.type, e.type.startsWith("agent.") ? e.agentId : e.callId, e.time / 1000 - T])).toEqual([
      ["agent.logged_on", "1002", 170],
      ["agent.ready", "1002", 170],
      ["call.offered", `${T}.5`, 200],
      ["call.queued", `${T}.5`, 200],
      ["call.delivered", `${T}.5`, 203],
      ["call.established", `${T}.5`, 203],
      ["call.queue_exited", `${T}.5`, 203],
      ["agent.busy", "1001", 203],
    ]);
    // The agent's state carries what the earlier lines said (ready since the first call ended), though those were not delivered again.
    expect(history.at(-1)?.data).toEqual({ previous: { state: "ready", since: (T + 40) * 1000 } });
    expect(history.every((e) => e.tenantId === "t1" && e.source === "asterisk://pbx1")).toBe(true);
    expect(got.backfill.started).toEqual([[(T + 200) * 1000, expect.any(Number)]]);
    expect(got.backfill.finished).toEqual([8]);
    expect(got.live).toEqual([]);

    fs.appendFileSync(file, `${T + 250}|${T}.5|support|Local/1001@agents/n|COMPLETEAGENT|3|47|1\n`);
    const live = await waitFor("the appended line's events", () => (got.live.flat().length >= 3 ? got.live.flat() : undefined), 10_000, 20);
    expect(live.map((e) => [e.type, e.time / 1000 - T])).toEqual([
      ["call.connection_cleared", 250],
      ["call.cleared", 250],
      ["agent.ready", 250],
    ]);
    await tail.stop();
    expect(got.log).toContain("asterisk: following " + file + " (8 events delivered at start)");
  });

  it("says in the log how many lines it could not use", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-tail-"));
    const file = path.join(dir, "queue_log");
    fs.writeFileSync(file, `${lines[0]}\nnot|a line\n`);
    const { ctx, got } = recordingContext(0);
    tail = new QueueLogTail({ file, tenantId: "t1", source: "asterisk://pbx1", wrapUpSeconds: 0, pollMs: 20 });
    await tail.start(ctx);
    expect(got.log.filter((l) => l.includes("not imported"))).toEqual([expect.stringMatching(/^asterisk: 1 queue_log line\(s\) not imported, e\.g\. line 2: /)]);
  });

  it("delivers live events again, in order and once each, after the sink refused them, and keeps following", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-tail-"));
    const file = path.join(dir, "queue_log");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const { ctx, got } = recordingContext((T + 200) * 1000);
    // The store refuses the first two live deliveries (it is restarting), then takes them.
    let refusals = 2;
    const flaky = {
      ...ctx,
      events: {
        ...ctx.events,
        live: async (events: Parameters<typeof ctx.events.live>[0]) => {
          if (refusals > 0) {
            refusals--;
            throw new Error("the store is restarting");
          }
          await ctx.events.live(events);
        },
      },
    };
    tail = new QueueLogTail({ file, tenantId: "t1", source: "asterisk://pbx1", wrapUpSeconds: 0, pollMs: 20, retryMs: 20 });
    await tail.start(flaky);
    fs.appendFileSync(file, `${T + 250}|${T}.5|support|Local/1001@agents/n|COMPLETEAGENT|3|47|1\n`);
    const first = await waitFor("the appended line's events", () => (got.live.flat().length >= 3 ? got.live.flat() : undefined), 10_000, 20);
    expect(first.map((e) => e.type)).toEqual(["call.connection_cleared", "call.cleared", "agent.ready"]);
    expect(got.log.filter((l) => l.includes("failed (attempt"))).toEqual([
      expect.stringMatching(
        /^asterisk: delivering 3 queue_log event\(s\) from .* failed \(attempt 1\): the store is restarting; following paused, trying again in 20 ms$/,
      ),
      expect.stringMatching(/failed \(attempt 2\): .* trying again in 40 ms$/),
    ]);
    expect(got.log).toContain(`asterisk: delivered 3 queue_log event(s) from ${file} at attempt 3`);
    // Still following: a later line arrives as well.
    fs.appendFileSync(file, `${T + 300}|MANAGER|support|Local/1002@agents/n|REMOVEMEMBER|\n`);
    const later = await waitFor("the next line's events", () => (got.live.flat().length > 3 ? got.live.flat().slice(3) : undefined), 10_000, 20);
    expect(later.map((e) => [e.type, e.agentId])).toEqual([["agent.logged_off", "1002"]]);
    expect(got.live.flat().length).toBe(4);
  });
});
