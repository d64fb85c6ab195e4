import type { ServiceLevelFigure } from "@/lib/live/queue-service-level";
import { percent } from "./labels";
import styles from "./floor-summary.module.css";

/** "15 min 82.0% · 30 min 80.0% · 60 min 79.1%": the service level of the contacts that left the queue lately, beside the day's. */
export function RecentServiceLevel({ windows, label }: { windows: readonly (ServiceLevelFigure & { minutes: number })[]; label: string }) {
  return (
    <dl className={styles.recent} aria-label={label} data-testid="recent-service-level">
      {windows.map((w) => (
        <div key={w.minutes} data-minutes={w.minutes} data-value={w.value ?? ""} title={`${w.numerator} of ${w.denominator}`}>
          <dt>Last {w.minutes} min</dt>
          <dd>{percent(w.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
