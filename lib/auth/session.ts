import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { can, type Capability } from "./roles";
import type { SessionUser } from "./session-user";
import { userFromSession } from "./sessions/resolve-user";

export type { SessionUser };

/**
 * The signed-in user, or null. The cookie only names a session; the session
 * registry and the users file say, on every request, whether it still stands and
 * with which role and scope (lib/auth/sessions/resolve-user.ts). Never trust the client.
 */
export async function currentUser(): Promise<SessionUser | null> {
  return userFromSession(await getServerSession(authOptions()));
}

/** For pages: redirect to sign-in when signed out, to /forbidden when the role may not see it. */
export async function requirePageUser(capability: Capability, from: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (!can(user.role, capability)) redirect(`/forbidden?need=${capability}`);
  return user;
}
