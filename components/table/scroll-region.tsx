import type { ReactNode } from "react";

/**
 * A box that scrolls its wide content (a table) inside itself, so the page never
 * scrolls sideways. Focusable and named, so keyboard users can scroll it too (a
 * table of plain text has nothing else to focus) and screen readers announce it.
 */
export function ScrollRegion({ label, className = "table-scroll", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
