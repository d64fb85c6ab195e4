import { RAG_ICONS, RAG_LABELS, ragStatus } from "@/lib/targets/rag";
import "./rag.css";

/**
 * A service level against its target: colour, a symbol and words (colour is never the only
 * signal). `valuePct` null: nothing to judge yet.
 */
export function TargetBadge({ valuePct, targetPct }: { valuePct: number | null; targetPct: number }) {
  const status = ragStatus(valuePct, targetPct);
  return (
    <span className="rag" data-rag={status} data-testid="target-badge">
      <span aria-hidden="true">{RAG_ICONS[status]}</span>
      {RAG_LABELS[status]} · target {targetPct}%
    </span>
  );
}
