import type { CallbackRow } from "./callback-list";
import { formatDuration } from "@/lib/tables/format";

const CAUSES: Record<string, string> = { no_answer: "no answer", busy: "line busy" };

/** Pure: a row's status in words, times in `time` (the page's clock and zone). */
export function statusText(row: CallbackRow, time: (ms: number) => string): string {
  const s = row.status;
  switch (s.kind) {
    case "open":
      return row.callable ? "Not called back" : "Number withheld: cannot be called back";
    case "calling":
      return `Calling back since ${time(s.at)}`;
    case "tried":
      return `${row.attempts === 1 ? "Tried once" : `Tried ${row.attempts} times`}, last at ${time(s.at)}: ${CAUSES[s.cause] ?? s.cause.replaceAll("_", " ")}`;
    case "called_back":
      return `Called back at ${time(s.at)}`;
    case "called_again":
      return `Rang again and was answered at ${time(s.at)}`;
  }
}

/** Pure: how the caller was missed, in words. */
export function missedText(row: CallbackRow): string {
  const waited = formatDuration(row.waitMs);
  if (row.outcome === "timeout") return `Timed out after ${waited}`;
  return row.shortAbandon ? `Hung up after ${waited} (short abandon)` : `Hung up after ${waited}`;
}
