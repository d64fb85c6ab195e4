"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/tables/format";
import { intervalName, type CallsChartModel, type CallsChartPoint } from "./calls-chart-model";

/** The theme's chart colours (app/globals.css), so the chart follows the light or dark theme. */
const COLORS = {
  offered: "var(--chart-offered)",
  answered: "var(--chart-answered)",
  abandoned: "var(--chart-abandoned)",
  sl: "var(--chart-sl)",
  target: "var(--chart-target)",
  grid: "var(--chart-grid)",
  axis: "var(--chart-axis)",
} as const;
const TOOLTIP_STYLE = { background: "var(--surface)", borderColor: "var(--border-strong)", color: "var(--text)" } as const;

/**
 * Calls per interval: answered and abandoned as stacked bars, offered as a line
 * above them (the gap between is timed out or other exits), and optionally the
 * service level on a second axis. Draws the prepared model only; the page shows
 * the same numbers as a table for keyboard and screen-reader users.
 */
export function CallsChart({
  model,
  showServiceLevel = false,
  targetPct = null,
  onPick,
}: {
  model: CallsChartModel;
  showServiceLevel?: boolean;
  targetPct?: number | null;
  /** A bar was clicked: open the contacts behind it. */
  onPick?: (point: CallsChartPoint) => void;
}) {
  const pick = onPick
    ? (_: unknown, index: number) => {
        const p = points[index];
        if (p) onPick(p);
      }
    : undefined;
  const { points, totals } = model;
  return (
    <div
      className="chart-area"
      role="img"
      aria-label={`Calls per ${intervalName(model.interval)}: ${formatCount(totals.offered)} offered, ${formatCount(totals.answered)} answered, ${formatCount(totals.abandoned)} abandoned in total`}
    >
      <ComposedChart
        data={points}
        responsive
        style={{ width: "100%", height: 320 }}
        margin={{ top: 8, right: showServiceLevel ? 8 : 16, bottom: 0, left: 0 }}
        barCategoryGap="15%"
      >
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={{ fill: COLORS.axis, fontSize: 12 }} tickLine={false} axisLine={{ stroke: COLORS.grid }} minTickGap={24} />
        <YAxis yAxisId="calls" allowDecimals={false} tick={{ fill: COLORS.axis, fontSize: 12 }} tickLine={false} axisLine={false} width={48} />
        {showServiceLevel && (
          <YAxis yAxisId="sl" orientation="right" domain={[0, 100]} unit="%" tick={{ fill: COLORS.axis, fontSize: 12 }} tickLine={false} axisLine={false} width={48} />
        )}
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(_, payload) => {
            const first = payload[0]?.payload as { range?: string } | undefined;
            return first?.range ?? "";
          }}
          formatter={(value, name) => (typeof value === "number" ? (name === "Service level" ? `${value.toFixed(1)}%` : formatCount(value)) : String(value))}
        />
        <Legend verticalAlign="top" align="right" height={32} iconType="circle" itemSorter={null} />
        <Bar
          yAxisId="calls"
          dataKey="answered"
          name="Answered"
          stackId="calls"
          fill={COLORS.answered}
          isAnimationActive={false}
          onClick={pick}
          cursor={pick ? "pointer" : undefined}
        />
        <Bar
          yAxisId="calls"
          dataKey="abandoned"
          name="Abandoned"
          stackId="calls"
          fill={COLORS.abandoned}
          isAnimationActive={false}
          onClick={pick}
          cursor={pick ? "pointer" : undefined}
        />
        <Line yAxisId="calls" dataKey="offered" name="Offered" type="linear" stroke={COLORS.offered} strokeWidth={2} dot={false} isAnimationActive={false} />
        {showServiceLevel && (
          <Line
            yAxisId="sl"
            dataKey="serviceLevel"
            name="Service level"
            type="linear"
            stroke={COLORS.sl}
            strokeWidth={2}
            strokeDasharray="4 3"
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        )}
        {showServiceLevel && targetPct !== null && (
          <ReferenceLine
            yAxisId="sl"
            y={targetPct}
            stroke={COLORS.target}
            strokeWidth={1.5}
            label={{ value: `Target ${targetPct}%`, position: "insideTopLeft", fill: COLORS.target, fontSize: 12 }}
          />
        )}
      </ComposedChart>
    </div>
  );
}
