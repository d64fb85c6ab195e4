import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv, type Env } from "../env";
import { roleSchema, type Role } from "./roles";
import { authSecret } from "./secret";
import { sessionHooks } from "./session-hooks";
import { SESSION_MAX_AGE_S } from "./sessions/session-limits";
import { authenticate } from "./users-file";
import { usersFilePath } from "./users-file-path";

export { usersFilePath };

type OidcProfile = { sub: string; name?: string; email?: string; preferred_username?: string; role?: unknown; roles?: unknown };

/** The role an OIDC user gets: a `role` or `roles` claim naming one of ours, else the configured default. */
export function roleFromClaims(profile: OidcProfile, fallback: Role): Role {
  const claims = [profile.role, ...(Array.isArray(profile.roles) ? profile.roles : [profile.roles])];
  for (const c of claims) {
    const parsed = roleSchema.safeParse(c);
    if (parsed.success) return parsed.data;
  }
  return fallback;
}

function oidcProvider(env: Env): OAuthConfig<OidcProfile> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({
      id: p.sub,
      name: p.name ?? p.preferred_username ?? p.email ?? p.sub,
      email: p.email,
      role: roleFromClaims(p, env.OIDC_DEFAULT_ROLE),
    }),
  };
}

export function buildAuthOptions(env: Env): NextAuthOptions {
  const usersFile = usersFilePath(env);
  const providers: NextAuthOptions["providers"] = [];
  if (usersFile) {
    providers.push(
      CredentialsProvider({
        name: "Username and password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        authorize: async (credentials) => {
          if (!credentials?.username || !credentials.password) return null;
          return authenticate(usersFile, credentials.username, credentials.password);
        },
      }),
    );
  }
  const oidc = oidcProvider(env);
  if (oidc) providers.push(oidc);
  return {
    secret: authSecret(env),
    // The cookie holds a session id; the session itself is checked on every request (lib/auth/sessions).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin" },
    providers,
    ...sessionHooks(),
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getEnv());
  return cached;
}
