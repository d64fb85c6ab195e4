import type { ClickHouseClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors/domain-errors";
import { hashPassword } from "../password";
import { readUsersFileVersioned, type UserRecord } from "../users-file";
import { sessionRegistry } from "../sessions/process-registry";
import type { NewUser, UserChange } from "./user-edits-schema";
import { userView, type UserView } from "./user-view";
import { editUsersFile } from "./write-users-file";

export type UsersContext = { ch: ClickHouseClient; tenantId: string; actor: Actor; file: string };
export type UsersList = { version: string; users: UserView[] };
export type UserEditResult = UsersList & { changed: boolean };

export function listUsers(file: string): UsersList {
  const { users, version } = readUsersFileVersioned(file);
  return { version, users: users.map(userView) };
}

/**
 * Admins' edits of the users file. Each is checked against the version the admin
 * saw, audited (before and after, never a hash), then written; it applies to the
 * user's very next request (sessions resolve against the file on every request),
 * and this process's open event streams re-check at once.
 */
export async function createUser(ctx: UsersContext, input: NewUser): Promise<UserEditResult> {
  // Hashed before taking the file's lock: scrypt is the slow part.
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const record: UserRecord = {
    username: input.username,
    name: input.name,
    role: input.role,
    ...(input.scope ? { scope: input.scope } : {}),
    ...(input.extension ? { extension: input.extension } : {}),
    ...(passwordHash ? { passwordHash } : {}),
  };
  return edit(ctx, input.expectedVersion, "user.create", input.username, passwordHash !== undefined, false, (users) => {
    if (users.some((u) => u.username === input.username)) throw new Conflict(`a user named ${input.username} exists already`);
    return [...users, record];
  });
}

export async function updateUser(ctx: UsersContext, userId: string, change: UserChange): Promise<UserEditResult> {
  if (userId === ctx.actor.id && (change.disabled === true || (change.role !== undefined && change.role !== "admin"))) {
    throw new InvalidInput("you cannot disable yourself or take away your own admin role (ask another admin)");
  }
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  // Disabling a user or setting a new password ends the sessions they have (a stolen cookie must
  // not come back when the account is enabled again or keep working after the reset).
  const endsSessions = change.disabled === true || passwordHash !== undefined;
  return edit(ctx, change.expectedVersion, "user.update", userId, passwordHash !== undefined, endsSessions, (users) => {
    const current = users.find((u) => u.username === userId);
    if (!current) throw new NotFound(`user ${userId}`);
    const next: UserRecord = { ...current };
    if (change.name !== undefined) next.name = change.name;
    if (change.role !== undefined) next.role = change.role;
    if (change.scope !== undefined) {
      if (change.scope === null) delete next.scope;
      else next.scope = change.scope;
    }
    if (change.extension !== undefined) {
      if (change.extension === null) delete next.extension;
      else next.extension = change.extension;
    }
    if (change.disabled !== undefined) {
      if (change.disabled) next.disabled = true;
      else delete next.disabled;
    }
    if (passwordHash !== undefined) next.passwordHash = passwordHash;
    return users.map((u) => (u === current ? next : u));
  });
}

export async function removeUser(ctx: UsersContext, userId: string, expectedVersion: string): Promise<UserEditResult> {
  if (userId === ctx.actor.id) throw new InvalidInput("you cannot remove yourself (ask another admin)");
  // Removed users' sessions end too, so re-creating the same username later revives none of them.
  return edit(ctx, expectedVersion, "user.remove", userId, false, true, (users) => {
    if (!users.some((u) => u.username === userId)) throw new NotFound(`user ${userId}`);
    return users.filter((u) => u.username !== userId);
  });
}

async function edit(
  ctx: UsersContext,
  expectedVersion: string,
  action: string,
  userId: string,
  passwordSet: boolean,
  endSessions: boolean,
  apply: (users: UserRecord[]) => UserRecord[],
): Promise<UserEditResult> {
  const find = (users: UserRecord[]) => users.find((u) => u.username === userId);
  let changed = false;
  const result = await editUsersFile(ctx.file, expectedVersion, apply, async ({ before, after }) => {
    const b = find(before);
    const a = find(after);
    changed = passwordSet || JSON.stringify(b) !== JSON.stringify(a);
    if (!changed) return;
    await writeAudit(ctx.ch, {
      tenantId: ctx.tenantId,
      id: randomUUID(),
      at: Date.now(),
      actor: ctx.actor,
      action,
      target: `user:${userId}`,
      details: { before: b ? userView(b) : null, after: a ? userView(a) : null, ...(passwordSet ? { passwordSet: true } : {}) },
    });
  });
  if (changed && endSessions) await revokeAllSessions(userId, `${action}:${ctx.actor.id}`);
  if (changed) sessionRegistry().changed();
  return { version: result.version, users: result.after.map(userView), changed };
}

async function revokeAllSessions(userId: string, by: string): Promise<void> {
  const registry = sessionRegistry();
  for (const session of await registry.listForUser(userId)) if (!session.revokedAt) await registry.revoke(session.sid, by);
}
