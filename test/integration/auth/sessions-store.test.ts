import { describe, expect, it } from "vitest";
import { SessionRegistry } from "@/lib/auth/sessions/registry";
import { clickHouseSessionStore } from "@/lib/auth/sessions/session-store";
import { resolveUser } from "@/lib/auth/sessions/resolve-user";
import { withRequestSignal } from "@/lib/store/request-signal";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The session registry on the real store (migration 0017): what one web server
 * writes, another (a second registry on the same store) reads; a revocation stands
 * against touches written after it by a server that had not seen it; several reads
 * in one tick are one query.
 */
const opening = { userId: "sam", provider: "credentials", name: "Sam", role: "supervisor" as const, clientAddress: "10.0.0.7", userAgent: "test" };

async function twoServers() {
  const { ch } = await testStore();
  const tenant = freshTenant("sess");
  const store = clickHouseSessionStore(async () => ch, tenant);
  // Real time: the table's TTL drops rows long expired by the server's own clock.
  let now = Date.now();
  const clock = () => now;
  const a = new SessionRegistry({ store, now: clock });
  const b = new SessionRegistry({ store, now: clock });
  return { ch, tenant, store, a, b, advance: (ms: number) => (now += ms), clock };
}

describe("sessions on the store", () => {
  it("stores a sign-in whole, with its times to the millisecond, for another server to read", async () => {
    const { a, b } = await twoServers();
    const opened = await a.open({ ...opening, scope: { teams: ["t1"], queues: [] } });
    expect(await b.get(opened.sid)).toEqual(opened);
    expect(await b.get("no-such-session")).toBeUndefined();
  });

  it("a revocation applies at once where it was made and within the sync window on another server", async () => {
    const { a, b, advance, clock } = await twoServers();
    const s = await a.open(opening);
    expect(resolveUser(await b.get(s.sid), undefined, clock())).toBeNull(); // a password user needs a users-file entry
    const entry = { username: "sam", name: "Sam", role: "supervisor" as const, passwordHash: "scrypt$x" };
    expect(resolveUser(await b.get(s.sid), entry, clock())?.role).toBe("supervisor");
    await a.revoke(s.sid, "test");
    expect(resolveUser(await a.get(s.sid), entry, clock())).toBeNull();
    // b read it less than the sync window ago: it may still answer from memory, then it must not.
    advance(2_000);
    expect(resolveUser(await b.get(s.sid), entry, clock())).toBeNull();
  });

  it("keeps a revocation against a later touch from a server that had not seen it", async () => {
    const { ch, tenant, a, b, advance, clock } = await twoServers();
    const s = await a.open(opening);
    await b.get(s.sid);
    await a.revoke(s.sid, "test");
    // b still holds the session as standing and, past the touch interval, writes "last seen".
    advance(6 * 60_000);
    await b.get(s.sid); // re-reads (sync window passed): sees the revocation, writes no touch
    await ch.insert({
      table: "sessions",
      format: "JSONEachRow",
      values: [{ tenant_id: tenant, sid: s.sid, last_seen_at: clock(), expires_at: clock() + 12 * 3_600_000 }],
    });
    await ch.command({ query: "OPTIMIZE TABLE sessions FINAL" });
    advance(2_000);
    const after = await a.get(s.sid);
    expect(after?.revokedAt).toBeGreaterThan(0);
    const rows = await queryRows<{ n: string }>(ch, "SELECT count() AS n FROM sessions FINAL WHERE tenant_id = {t:String} AND revoked_at > 0", { t: tenant });
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it("lists a user's sessions that have not expired, and reads many in one query", async () => {
    const { store, a, clock } = await twoServers();
    const one = await a.open(opening);
    const two = await a.open({ ...opening, userAgent: "other" });
    await a.open({ ...opening, userId: "kim" });
    expect((await store.listForUser("sam", clock())).map((r) => r.sid).sort()).toEqual([one.sid, two.sid].sort());
    expect(await store.listForUser("sam", clock() + 24 * 3_600_000)).toEqual([]); // 24 h later: expired
    let reads = 0;
    const counting = new SessionRegistry({ store: { ...store, read: (sids) => ((reads += 1), store.read(sids)) }, now: clock });
    const got = await Promise.all([counting.get(one.sid), counting.get(two.sid), counting.get("unknown")]);
    expect(got.map((r) => r?.sid)).toEqual([one.sid, two.sid, undefined]);
    expect(reads).toBe(1);
  });

  it("reads sessions for everyone, whichever request happened to ask first: a departed one cancels nothing", async () => {
    const { a, store } = await twoServers();
    const s = await a.open(opening);
    const departed = new AbortController();
    departed.abort();
    // The stream watcher's timer and the registry's batched reads run inside whichever request started them.
    const [read] = await withRequestSignal(departed.signal, () => store.read([s.sid]));
    expect(read?.sid).toBe(s.sid);
    expect((await withRequestSignal(departed.signal, () => store.listForUser("sam", Date.now()))).map((r) => r.sid)).toContain(s.sid);
  });
});
