import Link from "next/link";
import type { HeatmapModel } from "./heatmap-model";
import { heatmapColor, heatmapInk } from "./heatmap-model";
import { ScrollRegion } from "@/components/table/scroll-region";

/**
 * Weekday by hour of day, as a real table: each cell's colour shows the value and
 * its text and label say it, so the heatmap reads without seeing colour.
 */
export function HeatmapGrid({ model, caption }: { model: HeatmapModel; caption: string }) {
  return (
    <ScrollRegion label={caption} className="table-scroll heatmap-scroll">
      <table className="heatmap" data-testid="heatmap" data-metric={model.metric}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="heatmap-hour">
                {String(h).padStart(2, "0")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((r) => (
            <tr key={r.weekday}>
              <th scope="row">{r.name.slice(0, 3)}</th>
              {r.cells.map((c) => (
                <td
                  key={c.hour}
                  className="heatmap-cell"
                  style={{ background: heatmapColor(model.metric, c.intensity), color: heatmapInk(model.metric, c.intensity) }}
                  title={c.label}
                  aria-label={c.label}
                  data-value={c.value ?? ""}
                >
                  {c.href ? (
                    <Link href={c.href} className="heatmap-link" aria-label={`${c.label}: open these calls`}>
                      {c.text}
                    </Link>
                  ) : (
                    c.text
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
