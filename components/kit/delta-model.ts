import type { KpiUnit } from "@/lib/kpi/definitions";
import { formatDuration, formatPercent } from "@/lib/tables/format";

/**
 * The change of a KPI against the previous equal period. Counts and durations
 * change by a share of their old value; rates by percentage points (a rate going
 * from 10% to 12% is "+2.0 pp", not "+20%"). Whether up is good depends on the KPI.
 */

export type Polarity = "up_good" | "down_good" | "neutral";
export type DeltaModel = {
  text: string;
  direction: "up" | "down" | "flat";
  tone: "good" | "bad" | "neutral";
  /** The sentence a screen reader hears. */
  description: string;
};

const pp = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function signed(n: number, text: string): string {
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

export function prepareDelta(current: number | null, previous: number | null, unit: KpiUnit, polarity: Polarity, against: string): DeltaModel | null {
  if (current === null || previous === null) return null;
  const diff = current - previous;
  let text: string;
  let flat: boolean;
  switch (unit) {
    case "ratio":
      flat = Math.abs(diff) < 0.0005;
      text = signed(diff, `${pp.format(Math.abs(diff) * 100)} pp`);
      break;
    case "ms":
      flat = Math.abs(diff) < 500;
      text = signed(diff, formatDuration(Math.abs(diff)));
      break;
    case "count":
      if (previous === 0) {
        flat = current === 0;
        text = signed(diff, String(Math.abs(diff)));
      } else {
        flat = Math.abs(diff / previous) < 0.0005;
        text = signed(diff, formatPercent(Math.abs(diff / previous)));
      }
      break;
  }
  if (flat) return { text: "no change", direction: "flat", tone: "neutral", description: `No change against ${against}.` };
  const direction = diff > 0 ? "up" : "down";
  const tone = polarity === "neutral" ? "neutral" : (polarity === "up_good") === (direction === "up") ? "good" : "bad";
  return { text, direction, tone, description: `${direction === "up" ? "Up" : "Down"} ${text.slice(1)} against ${against}.` };
}
