"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./qa.module.css";

const LINKS = [
  { href: "/qa", label: "Scores" },
  { href: "/qa/work", label: "Work queue" },
  { href: "/qa/calibrations", label: "Calibration" },
  { href: "/qa/scorecards", label: "Scorecards" },
];

/** The quality pages, each shown to whoever the page itself lets in (a link the role may not open leads to the forbidden page). */
export function QaSubnav({ links = LINKS.map((l) => l.href) }: { links?: readonly string[] }) {
  const path = usePathname();
  return (
    <nav className={styles.sub} aria-label="Quality">
      {LINKS.filter((l) => links.includes(l.href)).map((l) => (
        <Link key={l.href} href={l.href} aria-current={path === l.href ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
