"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";

/**
 * The top bar's links and user controls, folded behind a Menu button on narrow
 * screens (CSS decides when: under 900 px). A disclosure, not a modal: the panel
 * follows the button in tab order, Escape closes it and returns focus to the button,
 * and a navigation closes it (the new page should not open under a menu).
 */
export function NavMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button ref={button} type="button" className="menu-button" aria-expanded={open} aria-controls="nav-panel" onClick={() => setOpen((o) => !o)}>
        <span className="menu-icon" aria-hidden="true" />
        Menu
      </button>
      <div id="nav-panel" className="nav-panel" data-open={open || undefined}>
        {children}
      </div>
    </>
  );
}
