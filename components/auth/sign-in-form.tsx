"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { refusalMessage } from "@/lib/auth/sign-in-refusal";
import { useHydrated } from "@/components/kit/use-hydrated";

type Props = { callbackUrl: string; credentials: boolean; sso: boolean; demo: boolean; providerError?: string };

export function SignInForm({ callbackUrl, credentials, sso, demo, providerError }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(providerError ? (refusalMessage(providerError) ?? "Sign-in failed. Try again.") : null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        redirect: false,
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!res || res.error || !res.ok) {
        // next-auth reports a refused password as "CredentialsSignin", a lockout or a full
        // hashing queue as our own codes (lib/auth/sign-in-refusal.ts); anything else is the server's trouble.
        setError((res?.error && refusalMessage(res.error)) ?? "Sign-in failed; the server did not answer. Try again.");
        setBusy(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Sign-in failed; the server did not answer. Try again.");
      setBusy(false);
    }
  }

  return (
    <>
      {error && (
        <p className="form-error" role="alert" id="signin-error">
          {error}
        </p>
      )}
      {credentials && (
        // method=post: should the form ever submit natively, the password must not land in a URL.
        <form className="auth-form" method="post" onSubmit={(e) => void onSubmit(e)} aria-describedby={error ? "signin-error" : undefined}>
          <div className="field">
            <label className="field-label" htmlFor="username">
              Username
            </label>
            <input id="username" name="username" className="input" autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="password">
              Password
            </label>
            <input id="password" name="password" type="password" className="input" autoComplete="current-password" required />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={busy || !hydrated}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      )}
      {credentials && sso && (
        <div className="divider" role="separator">
          or
        </div>
      )}
      {sso && (
        <button type="button" className="button button-block" disabled={!hydrated} onClick={() => void signIn("oidc", { callbackUrl })}>
          Single sign-on
        </button>
      )}
      {!credentials && !sso && <p className="form-error">No sign-in method is configured. Set AUTH_USERS_FILE or OIDC_ISSUER.</p>}
      {demo && credentials && (
        <p className="auth-hint">
          Demo mode: the sign-ins for each role were printed in the server log when they were made, and are kept in the data directory (demo-sign-ins.json).
        </p>
      )}
    </>
  );
}
