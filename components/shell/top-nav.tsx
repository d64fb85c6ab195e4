import { can } from "@/lib/auth/roles";
import { roleLabel } from "@/components/auth/capability-text";
import type { SessionUser } from "@/lib/auth/session";
import { NAV_LINKS } from "./nav-links";
import { NavLink } from "./nav-link";
import { NavMenu } from "./nav-menu";
import { SignOutButton } from "./sign-out-button";

export function TopNav({ user }: { user: SessionUser }) {
  const links = NAV_LINKS.filter((l) => can(user.role, l.capability));
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="topbar-inner">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Contact Centre Supervisor
        </span>
        <NavMenu>
          <nav aria-label="Main" className="nav">
            {links.map((l) => (
              <NavLink key={l.href} href={l.href} label={l.label} />
            ))}
          </nav>
          <div className="user" data-testid="current-user">
            <span className="user-name">{user.name}</span>
            <span className="role-badge" data-role={user.role}>
              {roleLabel(user.role)}
            </span>
            <SignOutButton />
          </div>
        </NavMenu>
      </div>
    </header>
  );
}
