import type { NextAuthOptions } from "next-auth";
import { roleSchema } from "./roles";
import { scopeSchema } from "./scope";
import { sessionRegistry } from "./sessions/process-registry";
import { resolveSessionUser } from "./sessions/resolve-user";

/** Where a sign-in came from, recorded with the session for the admins' session list. */
export type ClientInfo = { clientAddress: string; userAgent: string };

/** A cookie whose session has ended: thrown from the jwt callback so next-auth clears the cookie instead of renewing it. */
export class SessionEnded extends Error {
  constructor() {
    super("session ended (signed out, revoked, expired, or the user was removed or disabled)");
    this.name = "SessionEnded";
  }
}

/**
 * next-auth's callbacks, events and logger for server-side sessions. The cookie (a
 * signed JWT) holds the user id and a random session id (`sid`), never the role:
 * every request resolves the session afresh (lib/auth/session.ts).
 */
export function sessionHooks(client: ClientInfo = { clientAddress: "", userAgent: "" }): Pick<NextAuthOptions, "callbacks" | "events" | "logger"> {
  return {
    callbacks: {
      jwt: async ({ token, user, account }) => {
        if (user) {
          const u = user as { id: string; name?: string | null; role?: unknown; scope?: unknown };
          const role = roleSchema.safeParse(u.role);
          const scope = scopeSchema.safeParse(u.scope);
          const session = await sessionRegistry().open({
            userId: u.id,
            provider: account?.provider ?? "unknown",
            name: u.name ?? u.id,
            ...(role.success ? { role: role.data } : {}),
            ...(u.scope !== undefined && scope.success ? { scope: scope.data } : {}),
            ...client,
          });
          return { sub: u.id, name: session.name, sid: session.sid };
        }
        let current;
        try {
          current = await resolveSessionUser(token.sid, token.sub);
        } catch (e) {
          // The store is unreachable: keep the cookie (signing everyone out on a blip
          // helps nobody); every request still resolves the session before it is served.
          console.error("sessions: could not check a session", e);
          return token;
        }
        if (!current) throw new SessionEnded();
        return { ...token, name: current.name };
      },
      session: ({ session, token }) => ({
        ...session,
        user: { name: typeof token.name === "string" ? token.name : undefined, id: token.sub ?? "", sessionId: typeof token.sid === "string" ? token.sid : "" },
      }),
    },
    events: {
      signOut: async ({ token }) => {
        const sid: unknown = token?.sid;
        if (typeof sid === "string") await sessionRegistry().revoke(sid, `sign-out:${token.sub ?? ""}`);
      },
    },
    logger: {
      error: (code, metadata) => {
        // An ended session's cookie is an expected visitor, not a server error.
        if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.name === "SessionEnded") return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
  };
}
