import { describe, expect, it } from "vitest";
import { SessionRegistry } from "@/lib/auth/sessions/registry";
import { memorySessionStore } from "./memory-session-store";

/** The registry's cache: this process's writes apply at once, another server's within the sync window, touches are rare. */
const opening = { userId: "sam", provider: "credentials", name: "Sam", clientAddress: "", userAgent: "" };

function setup() {
  const store = memorySessionStore();
  let now = 1_800_000_000_000;
  const opts = { store, now: () => now, syncMs: 2_000, touchMs: 300_000, maxAgeMs: 43_200_000 };
  return { store, here: new SessionRegistry(opts), there: new SessionRegistry(opts), advance: (ms: number) => (now += ms), now: () => now };
}

describe("the session registry", () => {
  it("answers this process's own sign-in and revocation from memory, at once", async () => {
    const { store, here } = setup();
    const s = await here.open(opening);
    expect((await here.get(s.sid))?.userId).toBe("sam");
    await here.revoke(s.sid, "test");
    expect((await here.get(s.sid))?.revokedAt).toBeGreaterThan(0);
    expect(store.reads).toBe(0); // both answered from what this process wrote
  });

  it("sees a revocation made by another server once its copy is older than the sync window", async () => {
    const { here, there, advance } = setup();
    const s = await here.open(opening);
    expect((await there.get(s.sid))?.revokedAt).toBe(0);
    await here.revoke(s.sid, "elsewhere");
    advance(1_999);
    expect((await there.get(s.sid))?.revokedAt).toBe(0); // within the documented delay
    advance(1);
    expect((await there.get(s.sid))?.revokedAt).toBeGreaterThan(0);
  });

  it("tells listeners about its own revocations", async () => {
    const { here } = setup();
    const s = await here.open(opening);
    const heard: (string | undefined)[] = [];
    here.onChange((sid) => heard.push(sid));
    await here.revoke(s.sid, "test");
    here.changed();
    expect(heard).toEqual([s.sid, undefined]);
  });

  it("writes last seen at most once per touch interval and pushes the idle expiry forward", async () => {
    const { store, here, advance, now } = setup();
    const s = await here.open(opening);
    const writes = () => store.writes.filter((w) => w.lastSeenAt !== undefined && w.userId === undefined).length;
    advance(60_000);
    await here.get(s.sid);
    expect(writes()).toBe(0);
    advance(240_000);
    const touched = await here.get(s.sid);
    expect(writes()).toBe(1);
    expect(touched?.expiresAt).toBe(now() + 43_200_000);
    advance(1_000);
    await here.get(s.sid);
    expect(writes()).toBe(1);
  });
});
