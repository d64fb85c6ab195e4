import { STATE_LABELS } from "@/lib/tables/timeline-table";
import { formatDuration } from "@/lib/tables/format";
import type { TimelineBarModel } from "./timeline-model";

const ORDER = ["ready", "busy", "after_call_work", "not_ready", "none"] as const;

/**
 * The day as one bar of coloured state intervals. The bar is a picture (its
 * label sums it up); the table under it lists every interval for keyboard and
 * screen-reader users.
 */
export function StateTimeline({ model, label }: { model: TimelineBarModel; label: string }) {
  const summary = ORDER.filter((s) => model.totals[s] > 0)
    .map((s) => `${STATE_LABELS[s]} ${formatDuration(model.totals[s])}`)
    .join(", ");
  return (
    <figure className="timeline">
      <div className="timeline-bar" role="img" aria-label={`${label}: ${summary || "no state recorded"}`} data-testid="state-timeline">
        {model.segments.map((s) => (
          <span
            key={s.start}
            className={`timeline-seg state-${s.state}`}
            style={{ left: `${s.leftPct}%`, width: `${Math.max(s.widthPct, 0.05)}%` }}
            title={s.title}
            data-state={s.state}
          />
        ))}
        {model.futurePct > 0 && <span className="timeline-future" style={{ width: `${model.futurePct}%` }} title="Not yet" />}
      </div>
      <div className="timeline-axis" aria-hidden="true">
        {model.ticks.map((t) => (
          <span key={t.leftPct} className="timeline-tick" style={{ left: `${t.leftPct}%` }}>
            {t.label}
          </span>
        ))}
      </div>
      <figcaption className="timeline-legend">
        {ORDER.map((s) => (
          <span key={s} className="legend-item">
            <span className={`legend-swatch state-${s}`} aria-hidden="true" />
            {STATE_LABELS[s]} <span className="muted">{formatDuration(model.totals[s])}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
