"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "./format-kpi";
import { intervalName, type CallsChartModel } from "./calls-chart-model";

const COLORS = { offered: "#1e293b", answered: "#2563eb", abandoned: "#ea580c", grid: "#e2e8f0", axis: "#64748b" } as const;

/**
 * Calls per interval: answered and abandoned as stacked bars, offered as a line
 * above them (the gap between is timed out or other exits). Draws the prepared
 * model only; the data table below is the same numbers for keyboard and screen
 * reader users.
 */
export function CallsChart({ model }: { model: CallsChartModel }) {
  const { points, totals } = model;
  return (
    <figure className="chart-figure">
      <div className="chart-area" role="img" aria-label={`Calls per ${intervalName(model.interval)}: ${formatCount(totals.offered)} offered, ${formatCount(totals.answered)} answered, ${formatCount(totals.abandoned)} abandoned in total`}>
        <ComposedChart data={points} responsive style={{ width: "100%", height: 320 }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} barCategoryGap="15%">
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis dataKey="label" tick={{ fill: COLORS.axis, fontSize: 12 }} tickLine={false} axisLine={{ stroke: COLORS.grid }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fill: COLORS.axis, fontSize: 12 }} tickLine={false} axisLine={false} width={48} />
          <Tooltip
            labelFormatter={(_, payload) => {
              const first = payload[0]?.payload as { range?: string } | undefined;
              return first?.range ?? "";
            }}
            formatter={(value) => (typeof value === "number" ? formatCount(value) : String(value))}
          />
          <Legend verticalAlign="top" align="right" height={32} iconType="circle" itemSorter={null} />
          <Bar dataKey="answered" name="Answered" stackId="calls" fill={COLORS.answered} isAnimationActive={false} />
          <Bar dataKey="abandoned" name="Abandoned" stackId="calls" fill={COLORS.abandoned} isAnimationActive={false} />
          <Line dataKey="offered" name="Offered" type="linear" stroke={COLORS.offered} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </div>
      <details className="chart-table">
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Calls per {intervalName(model.interval)}</caption>
            <thead>
              <tr>
                <th scope="col">Interval</th>
                <th scope="col">Offered</th>
                <th scope="col">Answered</th>
                <th scope="col">Abandoned</th>
                <th scope="col">Timed out or other</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.start}>
                  <th scope="row">{p.range}</th>
                  <td>{formatCount(p.offered)}</td>
                  <td>{formatCount(p.answered)}</td>
                  <td>{formatCount(p.abandoned)}</td>
                  <td>{formatCount(p.otherExits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
