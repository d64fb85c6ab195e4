import type { Role } from "../roles";
import type { Scope } from "../scope";
import type { UserRecord } from "../users-file";

/** A user as the admin page (and the audit log) sees it: never the password hash, only whether there is one. */
export type UserView = { id: string; name: string; role: Role; scope: Scope | null; extension: string | null; disabled: boolean; password: boolean };

export function userView(u: UserRecord): UserView {
  return {
    id: u.username,
    name: u.name,
    role: u.role,
    scope: u.scope ?? null,
    extension: u.extension ?? null,
    disabled: u.disabled ?? false,
    password: u.passwordHash !== undefined,
  };
}
