import { getEnv } from "@/lib/env";
import type { SessionUser } from "../session-user";
import type { UserRecord } from "../users-file";
import { readUsersFile } from "../users-file";
import { usersFilePath } from "../users-file-path";
import { isLive, type SessionRecord } from "./session-record";
import { sessionRegistry } from "./process-registry";

export const PASSWORD_PROVIDER = "credentials";

/**
 * Who a session acts for now, or null when it no longer stands. Pure; the rules:
 * - an unknown, revoked or expired session is signed out;
 * - a password user is whoever the users file says today: removed or disabled is
 *   signed out, the role, scope and name come from the file, not from sign-in;
 * - a single sign-on user keeps the role and scope the provider gave at sign-in,
 *   unless the users file has an override entry with the same id (one without a
 *   password), which replaces them (an entry without a scope means the whole
 *   centre) or, disabled, signs them out. The phone extension comes from the same entry. A password user's entry never speaks for
 *   a single sign-on user who happens to have the same id: the provider, not the
 *   person signing in, chooses that id, and it might be "admin".
 */
export function resolveUser(record: SessionRecord | undefined, entry: UserRecord | undefined, now: number): SessionUser | null {
  if (!record || !isLive(record, now)) return null;
  const base = { id: record.userId, sessionId: record.sid };
  if (record.provider === PASSWORD_PROVIDER) {
    if (!entry || entry.disabled) return null;
    return { ...base, name: entry.name, role: entry.role, ...(entry.scope ? { scope: entry.scope } : {}), ...phoneOf(entry) };
  }
  const override = entry && entry.passwordHash === undefined ? entry : undefined;
  if (override?.disabled) return null;
  if (override) return { ...base, name: override.name, role: override.role, ...(override.scope ? { scope: override.scope } : {}), ...phoneOf(override) };
  if (!record.role) return null;
  return { ...base, name: record.name || record.userId, role: record.role, ...(record.scope ? { scope: record.scope } : {}) };
}

/** The user's phone extension, kept in the users file (a single sign-on user's through their override entry). */
function phoneOf(entry: UserRecord): { extension?: string } {
  return entry.extension ? { extension: entry.extension } : {};
}

/** The users-file entry with this id, if there is a users file. */
export function usersFileEntry(userId: string): UserRecord | undefined {
  const file = usersFilePath(getEnv());
  return file ? readUsersFile(file).find((u) => u.username === userId) : undefined;
}

/**
 * Resolves a session id from a cookie. `subject` is the user id the cookie names:
 * it must be the session's own (a token is never trusted to say who it is for).
 */
export async function resolveSessionUser(sid: unknown, subject?: unknown): Promise<SessionUser | null> {
  if (typeof sid !== "string" || sid === "") return null;
  const record = await sessionRegistry().get(sid);
  if (!record || (subject !== undefined && subject !== record.userId)) return null;
  return resolveUser(record, usersFileEntry(record.userId), Date.now());
}

/** The user behind what next-auth's session callback answered (lib/auth/session-hooks.ts): its session id, resolved. */
export function userFromSession(session: unknown): Promise<SessionUser | null> {
  const user = (session as { user?: { id?: unknown; sessionId?: unknown } } | null)?.user;
  return user ? resolveSessionUser(user.sessionId, user.id) : Promise.resolve(null);
}
