"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A <details> disclosure whose panel floats over the page, wide enough to read a
 * formula (a tile is too narrow). It keeps the native semantics (a summary that is
 * a button with an expanded state) and adds what a popover needs: Escape and a
 * click elsewhere close it, and the panel shifts left when it would overflow.
 */
export function ExplainPopover({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    const onToggle = () => {
      const p = panel.current;
      if (!p) return;
      p.classList.remove("align-end");
      if (details.open && p.getBoundingClientRect().right > document.documentElement.clientWidth - 8) p.classList.add("align-end");
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !details.open) return;
      close();
      details.querySelector("summary")?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (details.open && e.target instanceof Node && !details.contains(e.target)) close();
    };
    details.addEventListener("toggle", onToggle);
    details.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      details.removeEventListener("toggle", onToggle);
      details.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);

  return (
    <details className="explain" ref={ref}>
      <summary>
        Explain<span className="sr-only"> {label}</span>
      </summary>
      <div className="explain-panel" ref={panel}>
        {children}
      </div>
    </details>
  );
}
