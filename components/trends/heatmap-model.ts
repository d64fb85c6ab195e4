import type { Heatmap } from "@/lib/kpi";
import { contactsHref } from "@/components/kit/explain-model";
import { formatCount, formatPercent } from "@/lib/tables/format";
import { bestInkContrast, hslToRgb, inkOn } from "@/components/ui/contrast";
import { heatmapRows, heatmapValue, type HeatmapMetric } from "@/lib/tables/heatmap-table";

/**
 * The heatmap's prepared grid: per weekday and hour, the value, its text, a
 * colour intensity 0..1 and a sentence for assistive technology. Volume is scaled
 * to the busiest cell; service level to 0-100% (its meaning does not depend on
 * the other cells), empty cells have no colour.
 */

/** `href`: the contacts behind the cell (every such weekday hour in the period), when it has any and the viewer may drill. */
export type HeatmapCellModel = { hour: number; value: number | null; text: string; intensity: number | null; label: string; href?: string };

/** The view's filters for a cell's contacts link. */
export type HeatmapDrill = { queueIds: readonly string[]; teamIds: readonly string[] };

/** The contacts of one weekday hour over the whole period, on the heatmap's own clock (the viewer's zone). */
export function heatmapCellHref(h: Pick<Heatmap, "from" | "to">, drill: HeatmapDrill, weekday: number, hour: number): string {
  return `${contactsHref({ from: h.from, to: h.to, ...drill, canDrill: true }, "all")}&wd=${weekday}&hour=${hour}`;
}
export type HeatmapRowView = { weekday: number; name: string; days: number; cells: HeatmapCellModel[] };
export type HeatmapModel = { metric: HeatmapMetric; rows: HeatmapRowView[]; max: number; hasData: boolean };

const hourText = (h: number) => `${String(h).padStart(2, "0")}:00–${String((h + 1) % 24).padStart(2, "0")}:00`;

export function prepareHeatmapModel(h: Heatmap, metric: HeatmapMetric, drill?: HeatmapDrill): HeatmapModel {
  const rows = heatmapRows(h);
  const values = rows.flatMap((r) => r.cells.map((c) => heatmapValue(c, r.days, metric)));
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  let hasData = false;
  const out = rows.map((r): HeatmapRowView => ({
    weekday: r.weekday,
    name: r.name,
    days: r.days,
    cells: r.cells.map((c): HeatmapCellModel => {
      const value = heatmapValue(c, r.days, metric);
      if (c.counts.offered > 0) hasData = true;
      const offered = c.counts.offered;
      const href = drill && offered > 0 ? heatmapCellHref(h, drill, r.weekday, c.hour) : undefined;
      if (metric === "sl") {
        const text = value === null ? "" : formatPercent(value);
        return {
          hour: c.hour,
          value,
          text,
          intensity: value,
          label: `${r.name} ${hourText(c.hour)}: ${value === null ? "no answered calls" : `service level ${text}`}, ${formatCount(offered)} offered`,
          href,
        };
      }
      const text = value === null || value === 0 ? "" : value.toFixed(value < 10 ? 1 : 0);
      return {
        hour: c.hour,
        value,
        text,
        intensity: value === null || max === 0 ? null : value / max,
        label: `${r.name} ${hourText(c.hour)}: ${value === null ? "not in the period" : `${value.toFixed(1)} calls offered per day on average (${formatCount(offered)} in total over ${r.days} days)`}`,
        href,
      };
    }),
  }));
  return { metric, rows: out, max, hasData };
}

/** WCAG AA for the cells' small text. */
const CELL_CONTRAST = 4.5;

/**
 * A cell's colour as HSL: a blue ramp for volume; red through amber to green for
 * service level. No ink reaches 4.5:1 on a band of middle luminance, so a colour
 * falling in it is darkened a step or two until white text does.
 */
function heatmapHsl(metric: HeatmapMetric, intensity: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, intensity));
  const [h, s, start] = metric === "volume" ? [217, 91, Math.round(96 - t * 50)] : [Math.round(t * 130), 70, Math.round(88 - t * 30)];
  let l = start;
  while (l > 0 && bestInkContrast(hslToRgb(h, s, l)) < CELL_CONTRAST) l -= 1;
  return [h, s, l];
}

export function heatmapColor(metric: HeatmapMetric, intensity: number | null): string | undefined {
  if (intensity === null) return undefined;
  const [h, s, l] = heatmapHsl(metric, intensity);
  return `hsl(${h} ${s}% ${l}%)`;
}

/** The text colour with the better contrast on the cell's own background (a fixed threshold left mid-blue cells under 4.5:1). */
export function heatmapInk(metric: HeatmapMetric, intensity: number | null): string | undefined {
  if (intensity === null) return undefined;
  return inkOn(hslToRgb(...heatmapHsl(metric, intensity)));
}
