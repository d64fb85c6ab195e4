import type { SessionRecord, SessionStore, SessionWrite } from "@/lib/auth/sessions/session-record";

/** The sessions table's semantics (every column merges by max) in memory, counting its reads. */
export function memorySessionStore(): SessionStore & { reads: number; writes: SessionWrite[] } {
  const rows = new Map<string, SessionRecord>();
  const store = {
    reads: 0,
    writes: [] as SessionWrite[],
    async write(ws: SessionWrite[]) {
      for (const w of ws) {
        store.writes.push(w);
        const r = rows.get(w.sid);
        if (!r) {
          rows.set(w.sid, {
            userId: "",
            provider: "",
            name: "",
            createdAt: 0,
            lastSeenAt: 0,
            expiresAt: 0,
            clientAddress: "",
            userAgent: "",
            revokedAt: 0,
            revokedBy: "",
            ...w,
          });
          continue;
        }
        for (const k of ["lastSeenAt", "expiresAt", "revokedAt", "createdAt"] as const) r[k] = Math.max(r[k], w[k] ?? 0);
        if (w.revokedBy && w.revokedBy > r.revokedBy) r.revokedBy = w.revokedBy;
      }
    },
    async read(sids: readonly string[]) {
      store.reads += 1;
      return sids.flatMap((s) => (rows.has(s) ? [structuredClone(rows.get(s) as SessionRecord)] : []));
    },
    async listForUser(userId: string, now: number) {
      return [...rows.values()].filter((r) => r.userId === userId && r.expiresAt > now).map((r) => structuredClone(r));
    },
  };
  return store;
}
