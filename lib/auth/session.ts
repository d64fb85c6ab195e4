import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { can, roleSchema, type Capability, type Role } from "./roles";
import { scopeSchema, type Scope } from "./scope";

export type SessionUser = { id: string; name: string; role: Role; scope?: Scope; sessionId?: string };

/** The signed-in user, or null. Reads the session on the server: never trust the client. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; name?: string | null; role?: unknown; scope?: unknown } | undefined;
  const role = roleSchema.safeParse(user?.role);
  if (!user || !role.success) return null;
  const scope = scopeSchema.optional().safeParse(user.scope);
  // A scope that does not parse must not widen access to the whole centre.
  if (!scope.success) return null;
  return { id: user.id ?? "", name: user.name ?? user.id ?? "", role: role.data, ...(scope.data ? { scope: scope.data } : {}) };
}

/** For pages: redirect to sign-in when signed out, to /forbidden when the role may not see it. */
export async function requirePageUser(capability: Capability, from: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (!can(user.role, capability)) redirect(`/forbidden?need=${capability}`);
  return user;
}
