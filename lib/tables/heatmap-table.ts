import type { Heatmap, HeatmapCell } from "@/lib/kpi";
import type { Column } from "./table";

export const HEATMAP_METRICS = ["volume", "sl"] as const;
export type HeatmapMetric = (typeof HEATMAP_METRICS)[number];

export function isHeatmapMetric(v: string | null | undefined): v is HeatmapMetric {
  return v != null && (HEATMAP_METRICS as readonly string[]).includes(v);
}

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export type HeatmapRowModel = { weekday: number; name: string; days: number; cells: HeatmapCell[] };

/**
 * A cell's value: calls offered per day on average (the total over that
 * weekday's days in the period, divided by their number), or service level over
 * all of them. Null when there is nothing to show.
 */
export function heatmapValue(cell: HeatmapCell, days: number, metric: HeatmapMetric): number | null {
  if (metric === "sl") return cell.kpis.service_level.value;
  return days > 0 ? cell.counts.offered / days : null;
}

export function heatmapRows(h: Heatmap): HeatmapRowModel[] {
  return h.rows.map((cells, i) => ({ weekday: i + 1, name: WEEKDAY_NAMES[i] ?? String(i + 1), days: h.days[i] ?? 0, cells }));
}

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** Weekday rows, one column per hour, as the heatmap's table shows them. */
export function heatmapColumns(metric: HeatmapMetric): Column<HeatmapRowModel>[] {
  return [
    { id: "day", header: "Day", kind: "text", value: (r) => r.name },
    ...Array.from({ length: 24 }, (_, hour): Column<HeatmapRowModel> => ({
      id: `h${hour}`,
      header: hourLabel(hour),
      kind: metric === "sl" ? "ratio" : "text",
      value: (r) => {
        const cell = r.cells[hour];
        const v = cell ? heatmapValue(cell, r.days, metric) : null;
        // Average calls per day keep one decimal: 0.4 calls an hour is not "0".
        return metric === "volume" && v !== null ? v.toFixed(1) : v;
      },
    })),
  ];
}
