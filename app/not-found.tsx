import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { TopNav } from "@/components/shell/top-nav";
import { NotFoundMessage } from "@/components/shell/not-found-message";
import "./(app)/dashboards.css";

export const metadata: Metadata = { title: "Not found · Contact centre supervisor" };

/**
 * An address no route matches. Outside the signed-in shell's layout, so it draws
 * the frame itself for a signed-in user; anyone else gets the way to sign in.
 */
export default async function RootNotFound() {
  const user = await currentUser();
  if (!user) {
    return (
      <main id="main" className="auth-page">
        <div className="auth-card" data-testid="not-found">
          <h1 className="auth-title">Not found</h1>
          <p>There is nothing at this address.</p>
          <p>
            <Link className="button button-primary" href="/signin">
              Sign in
            </Link>
          </p>
        </div>
      </main>
    );
  }
  return (
    <>
      <TopNav user={user} />
      <main id="main" className="page" tabIndex={-1}>
        <NotFoundMessage />
      </main>
    </>
  );
}
