"use client";

import { formatDuration } from "@/lib/time/format-duration";
import { useBoardNow } from "./board-clock";

/** Time since `since` as m:ss / h:mm:ss, re-rendered each second on a live board (and only this leaf). */
export function Ticking({ since, className }: { since: number; className?: string }) {
  const now = useBoardNow();
  return (
    <span className={className} data-since={since}>
      {formatDuration(Math.max(0, now - since))}
    </span>
  );
}
