import { z } from "zod";
import { getEnv } from "@/lib/env";
import { Unavailable } from "@/lib/errors/domain-errors";
import { usersFilePath } from "@/lib/auth/users-file-path";
import { createUser, listUsers, removeUser, updateUser, type UsersContext } from "@/lib/auth/users-admin/edit-users";
import { newUserSchema, removeUserSchema, userChangeSchema } from "@/lib/auth/users-admin/user-edits-schema";
import { listUserSessions, revokeSession } from "@/lib/auth/users-admin/user-sessions";
import { actorOf } from "../actor";
import type { EndpointContext } from "../endpoint";
import { defineEndpoint } from "../endpoint";

function usersFile(): string {
  const file = usersFilePath(getEnv());
  if (!file) throw new Unavailable("there is no users file to edit: set AUTH_USERS_FILE (users then sign in with a password, or it overrides single sign-on users)");
  return file;
}

const usersContext = (ctx: EndpointContext): UsersContext => ({
  ch: ctx.ch,
  tenantId: ctx.tenantId,
  actor: actorOf(ctx),
  file: usersFile(),
});

/** The users file's users (never a hash) and its version, which every edit sends back. */
export const users = defineEndpoint({
  method: "GET",
  path: "/api/admin/users",
  capability: "admin",
  scope: { wholeCentre: "who sees what: a scoped admin could widen anyone, themselves included" },
  params: z.object({}),
  run: async () => {
    const file = usersFilePath(getEnv());
    return file ? { editable: true, ...listUsers(file) } : { editable: false, version: "", users: [] };
  },
});

/** Adds a user; 409 when the file changed since `expectedVersion` or the username is taken. */
export const createUserEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/admin/users",
  capability: "admin",
  scope: { wholeCentre: "who sees what: a scoped admin could widen anyone, themselves included" },
  params: z.object({}),
  body: newUserSchema,
  bodyHint: '{"expectedVersion": "...", "username": "...", "name": "...", "role": "supervisor", "scope": {"teams": [], "queues": []}, "password": "..."}',
  run: (ctx, _p, input) => createUser(usersContext(ctx), input),
});

/** Changes a user's name, role, scope (null: the whole centre), disabled flag or password. */
export const updateUserEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/admin/users/[userId]",
  capability: "admin",
  scope: { wholeCentre: "who sees what: a scoped admin could widen anyone, themselves included" },
  params: z.object({ userId: z.string().min(1) }),
  body: userChangeSchema,
  bodyHint: '{"expectedVersion": "...", "role": "manager"}',
  run: (ctx, p, change) => updateUser(usersContext(ctx), p.userId, change),
});

/** Removes a user; their sessions end on their next request. */
export const removeUserEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/admin/users/[userId]/remove",
  capability: "admin",
  scope: { wholeCentre: "who sees what: a scoped admin could widen anyone, themselves included" },
  params: z.object({ userId: z.string().min(1) }),
  body: removeUserSchema,
  bodyHint: '{"expectedVersion": "..."}',
  run: (ctx, p, body) => removeUser(usersContext(ctx), p.userId, body.expectedVersion),
});

/** A user's standing sessions. */
export const userSessions = defineEndpoint({
  method: "GET",
  path: "/api/admin/sessions",
  capability: "admin",
  scope: { wholeCentre: "who sees what: a scoped admin could widen anyone, themselves included" },
  params: z.object({ user: z.string().min(1) }),
  run: async ({ user }, p) => ({ sessions: await listUserSessions(p.user, user.sessionId) }),
});

/** Ends one session now; audited. */
export const revokeSessionEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/admin/sessions/revoke",
  capability: "admin",
  scope: { wholeCentre: "who sees what: a scoped admin could widen anyone, themselves included" },
  params: z.object({}),
  body: z.object({ sessionId: z.string().min(1).max(64) }).strict(),
  bodyHint: '{"sessionId": "..."}',
  run: (ctx, _p, body) => revokeSession({ ch: ctx.ch, tenantId: ctx.tenantId, actor: actorOf(ctx) }, body.sessionId),
});
