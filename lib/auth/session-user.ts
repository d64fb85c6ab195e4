import type { Role } from "./roles";
import type { Scope } from "./scope";

/**
 * The user a request acts for, resolved on the server for every request from the
 * session id in the cookie (lib/auth/sessions/resolve-user.ts). `scope` absent:
 * the whole centre. `extension`: their own phone, from the users file (lib/telephony/plain-word.ts).
 */
export type SessionUser = { id: string; name: string; role: Role; scope?: Scope; sessionId?: string; extension?: string };
