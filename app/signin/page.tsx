import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { currentUser } from "@/lib/auth/session";
import { usersFilePath } from "@/lib/auth/options";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";

export const metadata: Metadata = { title: "Sign in · Contact centre supervisor" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in: username and password when a user file is configured, single sign-on when OIDC is. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof sp.callbackUrl === "string" ? sp.callbackUrl : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const env = getEnv();
  // next-auth sends OIDC failures back here as ?error=...; say so rather than show a blank form.
  const providerError = typeof sp.error === "string" ? sp.error : undefined;
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true" />
          Contact Centre Supervisor
        </div>
        <h1 className="auth-title">Sign in</h1>
        <SignInForm
          callbackUrl={callbackUrl}
          credentials={usersFilePath(env) !== undefined}
          sso={Boolean(env.OIDC_ISSUER)}
          demo={env.demoMode}
          providerError={providerError}
        />
      </div>
    </main>
  );
}
