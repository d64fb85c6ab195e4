import type { Role } from "../roles";
import type { Scope } from "../scope";

/**
 * One signed-in session as the registry knows it. Times are epoch ms; `revokedAt`
 * 0 means standing. `role` and `scope` are what the provider said at sign-in: the
 * users file overrides them (and for password users always decides).
 */
export type SessionRecord = {
  sid: string;
  userId: string;
  provider: string;
  name: string;
  role?: Role;
  scope?: Scope;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  clientAddress: string;
  userAgent: string;
  revokedAt: number;
  revokedBy: string;
};

/** What a sign-in knows about a new session. */
export type SessionOpening = {
  userId: string;
  provider: string;
  name: string;
  role?: Role;
  scope?: Scope;
  clientAddress: string;
  userAgent: string;
};

/** A session change to store: the sign-in (whole record), a touch, or a revocation. Merged by max per column. */
export type SessionWrite = Pick<SessionRecord, "sid"> & Partial<Omit<SessionRecord, "sid">>;

/** The durable side of the registry (lib/auth/sessions/session-store.ts on ClickHouse; a map in unit tests). */
export interface SessionStore {
  write(rows: SessionWrite[]): Promise<void>;
  read(sids: readonly string[]): Promise<SessionRecord[]>;
  /** Sessions of one user that have not expired, revoked ones included, newest first. */
  listForUser(userId: string, now: number): Promise<SessionRecord[]>;
}

export const isLive = (r: SessionRecord, now: number) => r.revokedAt === 0 && r.expiresAt > now;
