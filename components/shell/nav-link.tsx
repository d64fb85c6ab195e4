"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A top-nav link that marks the current page for sighted and screen-reader users alike. */
export function NavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
  return (
    <Link href={href} className="nav-link" aria-current={current ? "page" : undefined}>
      {label}
    </Link>
  );
}
