import type { UserEditResult } from "@/lib/auth/users-admin/edit-users";
import type { NewUser, UserChange } from "@/lib/auth/users-admin/user-edits-schema";
import { apiSend } from "./api-send";

/** The admin's user edits; each sends the users file's version the page shows (a 409 says someone changed it meanwhile). */
export const createUser = (user: NewUser) => apiSend<UserEditResult>("POST", "/api/admin/users", user);
export const updateUser = (id: string, change: UserChange) => apiSend<UserEditResult>("PUT", `/api/admin/users/${encodeURIComponent(id)}`, change);
export const removeUser = (id: string, expectedVersion: string) =>
  apiSend<UserEditResult>("POST", `/api/admin/users/${encodeURIComponent(id)}/remove`, { expectedVersion });
export const revokeSession = (sessionId: string) => apiSend<{ revoked: boolean }>("POST", "/api/admin/sessions/revoke", { sessionId });
