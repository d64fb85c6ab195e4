import { afterEach, describe, expect, it } from "vitest";
import { LiveFloor } from "@/lib/live/live-floor";
import { liveStream } from "@/lib/live/sse";
import { logOn } from "./builders";

const floors: LiveFloor[] = [];
afterEach(() => {
  for (const f of floors.splice(0)) f.stop();
});

/** Reads SSE text until `done` says enough (or the stream ends). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe("the live SSE stream", () => {
  it("sends retry, the snapshot, patches and heartbeats, and lets go on abort", async () => {
    const floor = new LiveFloor({ timeZone: "UTC", minIntervalMs: 20 });
    floors.push(floor);
    floor.loadSnapshot(logOn("a1", Date.now() - 1000, ["q1"]));
    const abort = new AbortController();
    const opened = Date.now();
    const reader = liveStream(floor, abort.signal, 50).getReader();

    const first = await readUntil(reader, (t) => t.includes("event: snapshot"));
    expect(first.startsWith("retry: ")).toBe(true);
    const frame = /event: snapshot\ndata: (.*)\n\n/.exec(first);
    expect(JSON.parse(frame?.[1] ?? "null")).toMatchObject({ agents: { a1: { state: "ready" } } });

    floor.apply(logOn("a2", Date.now(), ["q1"]));
    const next = await readUntil(reader, (t) => t.includes("event: patch") && t.includes("event: heartbeat"));
    const patch = /event: patch\ndata: (.*)\n\n/.exec(next);
    expect(JSON.parse(patch?.[1] ?? "null")).toMatchObject({ agents: { set: { a2: { state: "ready" } }, remove: [] } });
    // A heartbeat is an event the page sees (a TV board's freshness), carrying the server's clock.
    const beat = JSON.parse(/event: heartbeat\ndata: (.*)\n\n/.exec(next)?.[1] ?? "null") as { serverTime: number } | null;
    expect(beat?.serverTime).toBeGreaterThanOrEqual(opened);
    expect(beat?.serverTime).toBeLessThanOrEqual(Date.now());

    expect(floor.subscribers).toBe(1);
    abort.abort();
    expect(floor.subscribers).toBe(0);
    await readUntil(reader, () => false); // the stream ends
  });

  it("waits for the snapshot before sending anything but retry", async () => {
    const floor = new LiveFloor({ timeZone: "UTC" });
    floors.push(floor);
    const reader = liveStream(floor, new AbortController().signal).getReader();
    const head = await readUntil(reader, (t) => t.includes("retry"));
    expect(head).not.toContain("event:");
    floor.loadSnapshot([]);
    expect(await readUntil(reader, (t) => t.includes("event: snapshot"))).toContain("event: snapshot");
    await reader.cancel();
    expect(floor.subscribers).toBe(0);
  });
});
