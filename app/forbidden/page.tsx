import type { Metadata } from "next";
import { CAPABILITIES, type Capability } from "@/lib/auth/roles";
import { currentUser } from "@/lib/auth/session";
import { BackToOverview } from "@/components/shell/back-to-overview";
import { capabilityDescription, isCapability, roleLabel } from "@/components/auth/capability-text";

export const metadata: Metadata = { title: "Not allowed · Contact centre supervisor" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where requirePageUser sends a role that may not open a page: says what is missing and who has it. */
export default async function ForbiddenPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const need: Capability | undefined = typeof sp.need === "string" && isCapability(sp.need) ? sp.need : undefined;
  const user = await currentUser();
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <h1 className="auth-title">You can’t open that page</h1>
        {need ? (
          <p>
            It needs the <strong data-capability={need}>{need}</strong> capability ({capabilityDescription(need)}), which the{" "}
            {new Intl.ListFormat("en", { type: "conjunction" }).format(CAPABILITIES[need].map(roleLabel))} role
            {CAPABILITIES[need].length > 1 ? "s have" : " has"}.
            {user && (
              <>
                {" "}
                You are signed in as {user.name} with the {roleLabel(user.role)} role.
              </>
            )}
          </p>
        ) : (
          <p>Your role does not include the capability that page needs.</p>
        )}
        <p>Ask an administrator to change your role if you need it.</p>
        <BackToOverview />
      </div>
    </main>
  );
}
