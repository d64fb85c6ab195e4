import type { ReactNode } from "react";

/** Nothing to show, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      <p className="state-title">{title}</p>
      {children && <p className="state-detail">{children}</p>}
    </div>
  );
}
