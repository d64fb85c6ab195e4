import { can, type Role } from "@/lib/auth/roles";
import { QaSubnav } from "./qa-subnav";

/** The quality pages' title and sub-navigation, listing only the pages the role may open. */
export function QaPageHeader({ title, subtitle, role }: { title: string; subtitle?: string; role: Role }) {
  const links = ["/qa", ...(can(role, "evaluate") ? ["/qa/work", "/qa/calibrations"] : []), ...(can(role, "admin") ? ["/qa/scorecards"] : [])];
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">{title}</h1>
          {subtitle && <p className="page-subtitle">{subtitle}</p>}
        </div>
      </div>
      <QaSubnav links={links} />
    </>
  );
}
