import { randomUUID } from "node:crypto";
import { isLive, type SessionOpening, type SessionRecord, type SessionStore } from "./session-record";
import { SESSION_MAX_AGE_S, SESSION_SYNC_MS, SESSION_TOUCH_MS } from "./session-limits";

type Cached = { record: SessionRecord | undefined; fetchedAt: number };

export type RegistryOptions = {
  store: SessionStore;
  now?: () => number;
  syncMs?: number;
  touchMs?: number;
  maxAgeMs?: number;
  /** A failed background write ("last seen"): logged, never fatal to the request. */
  onWriteError?: (e: unknown) => void;
};

/** A cached entry unused this long is dropped, so the map holds only sessions in use. */
const FORGET_MS = 10 * 60_000;
/** A revocation row outlives any touch written before another server noticed it (see migration 0017). */
const REVOCATION_MARGIN_MS = 60 * 60_000;

/**
 * Server-side sessions with a write-through cache. Every request asks `get(sid)`:
 * answered from memory when this process read or wrote the session within
 * `syncMs`, else from the store, with the reads of one tick gathered into one
 * query (the open event streams re-check together). This process's own writes
 * (sign-in, revocation) update the cache at once, so they apply on its very next
 * request; another server's apply within `syncMs`.
 */
export class SessionRegistry {
  private readonly cache = new Map<string, Cached>();
  private batch: { sids: Set<string>; done: Promise<void> } | undefined;
  private readonly listeners = new Set<(sid?: string) => void>();
  private readonly now: () => number;
  private readonly syncMs: number;
  private readonly touchMs: number;
  private readonly maxAgeMs: number;

  constructor(private readonly options: RegistryOptions) {
    this.now = options.now ?? Date.now;
    this.syncMs = options.syncMs ?? SESSION_SYNC_MS;
    this.touchMs = options.touchMs ?? SESSION_TOUCH_MS;
    this.maxAgeMs = options.maxAgeMs ?? SESSION_MAX_AGE_S * 1000;
  }

  /** Records a new session; its id goes into the signed cookie. */
  async open(o: SessionOpening): Promise<SessionRecord> {
    const now = this.now();
    const record: SessionRecord = { sid: randomUUID(), ...o, createdAt: now, lastSeenAt: now, expiresAt: now + this.maxAgeMs, revokedAt: 0, revokedBy: "" };
    await this.options.store.write([record]);
    this.cache.set(record.sid, { record, fetchedAt: now });
    return record;
  }

  /** The session as it stands (revoked and expired ones included: the caller judges), or undefined if unknown. */
  async get(sid: string): Promise<SessionRecord | undefined> {
    const now = this.now();
    let cached = this.cache.get(sid);
    if (!cached || now - cached.fetchedAt >= this.syncMs) {
      await this.load(sid);
      cached = this.cache.get(sid);
    }
    const record = cached?.record;
    if (record && isLive(record, now) && now - record.lastSeenAt >= this.touchMs) this.touch(record, now);
    return record;
  }

  /** Ends a session now. Answers the session as it was, or undefined if it is unknown. */
  async revoke(sid: string, by: string): Promise<SessionRecord | undefined> {
    const record = await this.get(sid);
    if (!record) return undefined;
    const now = this.now();
    if (record.revokedAt === 0) {
      const write = { sid, revokedAt: now, revokedBy: by, expiresAt: Math.max(record.expiresAt, now + this.maxAgeMs + REVOCATION_MARGIN_MS) };
      await this.options.store.write([write]);
      this.cache.set(sid, { record: { ...record, ...write }, fetchedAt: now });
    }
    this.changed(sid);
    return record;
  }

  listForUser(userId: string): Promise<SessionRecord[]> {
    return this.options.store.listForUser(userId, this.now());
  }

  /** Called with a session id when this process revoked it, or without one when users changed (the users file). */
  onChange(listener: (sid?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(sid?: string): void {
    for (const l of this.listeners) l(sid);
  }

  private touch(record: SessionRecord, now: number): void {
    record.lastSeenAt = now;
    record.expiresAt = Math.max(record.expiresAt, now + this.maxAgeMs);
    this.options.store.write([{ sid: record.sid, lastSeenAt: now, expiresAt: record.expiresAt }]).catch((e: unknown) => this.options.onWriteError?.(e));
  }

  /** Joins this tick's batch of reads (one query for all the sessions asked for together). */
  private load(sid: string): Promise<void> {
    if (!this.batch) {
      const sids = new Set<string>();
      const done = Promise.resolve().then(() => this.flush(sids));
      this.batch = { sids, done };
    }
    this.batch.sids.add(sid);
    return this.batch.done;
  }

  private async flush(sids: Set<string>): Promise<void> {
    this.batch = undefined;
    const asked = [...sids];
    const records = await this.options.store.read(asked);
    const now = this.now();
    const found = new Map(records.map((r) => [r.sid, r]));
    for (const sid of asked) {
      const mine = this.cache.get(sid)?.record;
      const theirs = found.get(sid);
      // A touch this process wrote may not be readable yet: keep the later of each time.
      this.cache.set(sid, { record: theirs && mine ? mergeRecords(theirs, mine) : (theirs ?? mine), fetchedAt: now });
    }
    for (const [sid, c] of this.cache) if (now - c.fetchedAt > FORGET_MS) this.cache.delete(sid);
  }
}

function mergeRecords(a: SessionRecord, b: SessionRecord): SessionRecord {
  return {
    ...a,
    lastSeenAt: Math.max(a.lastSeenAt, b.lastSeenAt),
    expiresAt: Math.max(a.expiresAt, b.expiresAt),
    revokedAt: Math.max(a.revokedAt, b.revokedAt),
    revokedBy: a.revokedBy || b.revokedBy,
  };
}
