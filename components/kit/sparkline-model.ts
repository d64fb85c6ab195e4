/**
 * A sparkline as an SVG path over a fixed box: one point per interval, a break
 * where the value is null (nothing to divide by), the scale from the series'
 * own minimum and maximum (zero-based for counts, so a quiet hour reads as low).
 */

export type SparklineModel = { path: string; width: number; height: number; points: number; last: number | null };

export function prepareSparkline(values: readonly (number | null)[], opts: { width?: number; height?: number; zeroBased?: boolean } = {}): SparklineModel | null {
  const width = opts.width ?? 120;
  const height = opts.height ?? 28;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 2 || present.length === 0) return null;
  const min = opts.zeroBased ? Math.min(0, ...present) : Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const pad = 2;
  const step = (width - 2 * pad) / (values.length - 1);
  let path = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = pad + i * step;
    const y = pad + (height - 2 * pad) * (1 - (v - min) / span);
    path += `${pen ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  });
  const last = [...values].reverse().find((v): v is number => v !== null) ?? null;
  return { path, width, height, points: values.length, last };
}
