import type { ReactNode } from "react";
import Link from "next/link";
import type { ExplainModel } from "@/components/kit/explain-model";

/** The inside of an "explain" popover: renders a prepared ExplainModel. */
export function ExplainPanel({ model, extra }: { model: ExplainModel; extra?: ReactNode }) {
  return (
    <>
      <p className="explain-heading">{model.heading}</p>
      <p className="explain-formula" data-part="plain">
        {model.plain}
      </p>
      {model.notApplicable && (
        <p className="explain-na" data-part="not-applicable">
          {model.notApplicable}
        </p>
      )}
      <details className="explain-exact">
        <summary>Exact definition</summary>
        <p className="explain-notes" data-part="formula">
          {model.formula}
        </p>
        {model.notes && <p className="explain-notes">{model.notes}</p>}
      </details>
      {model.parts.length > 0 && (
        <dl className="explain-inputs">
          {model.parts.map((p) => (
            <div key={p.side} className="explain-part">
              <dt>{p.label}</dt>
              <dd>
                <span data-part={p.side}>{p.text}</span>
                {p.contacts && (
                  <span className="explain-contacts" data-contacts={p.side} data-count={p.contacts.count} data-filter={p.contacts.filter}>
                    {p.contacts.href ? <Link href={p.contacts.href}>{p.contacts.text}</Link> : p.contacts.text}
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {extra}
      <div className="explain-thresholds">
        <p className="explain-subheading">Thresholds in force</p>
        {model.thresholdNote ? (
          <p className="explain-notes">{model.thresholdNote}</p>
        ) : model.thresholds.length === 0 ? (
          <p className="explain-notes">No queue settings found; the defaults apply.</p>
        ) : (
          <ul className="explain-threshold-list">
            {model.thresholds.map((t) => (
              <li key={t.queueId} data-queue={t.queueId}>
                <strong>{t.name}</strong>: {t.text} · settings <span data-part="settings-version">v{t.version}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="explain-version">
        Definition <span data-part="version">v{model.version}</span> · {model.id}
      </p>
    </>
  );
}
