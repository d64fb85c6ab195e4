import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv, type Env } from "../env";
import { demoUsersPath } from "./demo-users";
import { roleSchema, type Role } from "./roles";
import { authSecret } from "./secret";
import { authenticate } from "./users-file";

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

export function usersFilePath(env: Env): string | undefined {
  return env.AUTH_USERS_FILE ?? (env.demoMode ? demoUsersPath(env.DATA_DIR) : undefined);
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
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers,
    callbacks: {
      jwt: ({ token, user }) => {
        if (user && "role" in user) token.role = (user as { role: Role }).role;
        if (user && "scope" in user) token.scope = (user as { scope?: unknown }).scope;
        return token;
      },
      session: ({ session, token }) => {
        const role = roleSchema.safeParse(token.role);
        return { ...session, user: { ...session.user, id: token.sub ?? "", role: role.success ? role.data : undefined, scope: token.scope } };
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getEnv());
  return cached;
}
