"use client";

import type { Question } from "@/lib/qa/scorecards/scorecard-schema";
import type { Answer } from "@/lib/qa/scorecards/scoring";
import styles from "./qa.module.css";

/** One question's answer: yes / no (/ N/A) as radio buttons, a scale as a select. */
export function AnswerInput({
  question: q,
  value,
  onChange,
  disabled,
}: {
  question: Question;
  value: Answer | undefined;
  onChange: (a: Answer) => void;
  disabled?: boolean;
}) {
  const name = `answer-${q.id}`;
  const options: { value: Answer; label: string }[] =
    q.type === "yesno"
      ? [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]
      : Array.from({ length: q.max - q.min + 1 }, (_, i) => ({ value: q.min + i, label: String(q.min + i) }));
  if (q.allowNa) options.push({ value: "na", label: "N/A" });
  return (
    <div className={styles.answer} role="radiogroup" aria-label={q.text} data-question={q.id}>
      <span>
        {q.text}
        {q.critical && <span className={styles.critical}>critical</span>}
        <span className={styles.note}> · weight {q.weight}</span>
      </span>
      {options.map((o) => (
        <label key={String(o.value)}>
          <input type="radio" name={name} disabled={disabled} checked={value === o.value} onChange={() => onChange(o.value)} /> {o.label}
        </label>
      ))}
    </div>
  );
}
