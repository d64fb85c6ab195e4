import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { TopNav } from "@/components/shell/top-nav";

/**
 * The signed-in shell. Each page still checks its own capability (and redirects
 * with its own callbackUrl); this is the backstop for any page that forgets.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <>
      <TopNav user={user} />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
