import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LiveFloor } from "@/lib/live/live-floor";
import { setLiveFloor } from "@/lib/live/registry";
import { LIVE_STREAMS_PER_USER, StreamSlots, liveStreamSlots } from "@/lib/live/stream-slots";
import type { SessionUser } from "@/lib/auth/session";

/**
 * The cap on open live streams: per user a new stream past the limit is refused
 * with 429 and the reason (the open ones keep going), other users are not
 * affected, and a closed stream gives its slot back.
 */

describe("StreamSlots", () => {
  it("refuses past the per-user and the overall limit and takes slots back once", () => {
    const slots = new StreamSlots(2, 3);
    const a1 = slots.acquire("a");
    slots.acquire("a");
    expect(() => slots.acquire("a")).toThrow(/you have 2 live views open/);
    slots.acquire("b");
    expect(() => slots.acquire("c")).toThrow(/limit of 3 live views/);
    a1();
    a1();
    expect(slots.size).toBe(2);
    expect(() => slots.acquire("c")).not.toThrow();
    expect(() => slots.acquire("a")).toThrow(/limit of 3 live views/);
  });
});

let signedIn: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
const { handle } = await import("@/lib/api/handle");
const { liveStreamEndpoint } = await import("@/lib/api/endpoints/live");

describe("/api/live/stream", () => {
  const floor = new LiveFloor({ timeZone: "UTC" });
  beforeAll(() => {
    floor.loadSnapshot([]);
    setLiveFloor(floor);
  });
  afterAll(() => {
    setLiveFloor(undefined);
    floor.stop();
  });

  const open = async (user: SessionUser) => {
    signedIn = user;
    const abort = new AbortController();
    const res = await handle(liveStreamEndpoint)(new NextRequest("http://localhost/api/live/stream", { signal: abort.signal }), { params: Promise.resolve({}) });
    return { res, abort };
  };
  const supervisor = { id: "s1", name: "Sam", role: "supervisor" } as const;

  it(`gives one user ${LIVE_STREAMS_PER_USER} streams, refuses the next with 429, and lets another in when one closes`, async () => {
    const streams = [];
    for (let i = 0; i < LIVE_STREAMS_PER_USER; i++) {
      const s = await open(supervisor);
      expect(s.res.status).toBe(200);
      streams.push(s);
    }
    expect(floor.subscribers).toBe(LIVE_STREAMS_PER_USER);

    const refused = await open(supervisor);
    expect(refused.res.status).toBe(429);
    expect(((await refused.res.json()) as { error: string }).error).toMatch(/you have 5 live views open.*close a wallboard tab/);
    expect(floor.subscribers).toBe(LIVE_STREAMS_PER_USER);

    const other = await open({ id: "s2", name: "Kim", role: "supervisor" });
    expect(other.res.status).toBe(200);

    streams[0]?.abort.abort();
    await streams[1]?.res.body?.cancel();
    const again = [await open(supervisor), await open(supervisor)];
    expect(again.map((s) => s.res.status)).toEqual([200, 200]);
    expect((await open(supervisor)).res.status).toBe(429);

    for (const s of [...streams, other, ...again]) s.abort.abort();
    expect(liveStreamSlots().size).toBe(0);
    expect(floor.subscribers).toBe(0);
  });
});
