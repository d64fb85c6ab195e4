"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { createScorecard, saveScorecard } from "@/lib/query-options/qa";
import type { Question, Scorecard } from "@/lib/qa/scorecards/scorecard-schema";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import styles from "./qa.module.css";

type Editing = { id: string | null; version: number; card: Scorecard };

const newQuestion = (n: number): Question => ({ id: `q${n}`, text: "", type: "yesno", weight: 1, allowNa: false, critical: false });
const blank = (): Editing => ({
  id: null,
  version: 0,
  card: { name: "", description: "", archived: false, sections: [{ id: "s1", title: "", questions: [newQuestion(1)] }] },
});

/** Every question id in use, so a new one gets the next free number. */
function nextQuestionId(card: Scorecard): string {
  const used = new Set(card.sections.flatMap((s) => s.questions.map((q) => q.id)));
  let n = used.size + 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}

/**
 * Admins build scorecard forms. Each save is a new version (the server keeps every
 * version; evaluations keep the one they used), sent with the version edited so a
 * save by someone else meanwhile is reported rather than overwritten.
 */
export function ScorecardBuilder() {
  const list = useQuery(apiQueryOptions("/api/qa/scorecards", {}));
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Editing>(blank);
  const [status, setStatus] = useState("");
  const save = useMutation({
    mutationFn: async (e: Editing) => (e.id === null ? createScorecard(e.card) : saveScorecard(e.id, e.version, e.card)),
    onSuccess: (r) => {
      setEditing({ id: r.id, version: r.version, card: r.card });
      setStatus(`Saved "${r.card.name}" as version ${r.version}.`);
      return qc.invalidateQueries({ queryKey: ["/api/qa/scorecards"] });
    },
  });
  const card = editing.card;
  const set = (next: Scorecard) => setEditing({ ...editing, card: next });
  const setSection = (si: number, f: (s: Scorecard["sections"][number]) => Scorecard["sections"][number]) =>
    set({ ...card, sections: card.sections.map((s, i) => (i === si ? f(s) : s)) });
  const setQuestion = (si: number, qi: number, q: Question) => setSection(si, (s) => ({ ...s, questions: s.questions.map((x, i) => (i === qi ? q : x)) }));

  return (
    <div className={styles.grid}>
      <section className="card" aria-labelledby="builder-title">
        <h2 className="card-title" id="builder-title">
          {editing.id ? `Edit ${card.name || editing.id} (version ${editing.version})` : "New scorecard"}
        </h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setStatus("");
            save.mutate(editing);
          }}
        >
          <label className="field">
            <span className="field-label">Scorecard name</span>
            <input className="input" required value={card.name} onChange={(e) => set({ ...card, name: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Description</span>
            <input className="input" value={card.description} onChange={(e) => set({ ...card, description: e.target.value })} />
          </label>
          {card.sections.map((s, si) => (
            <fieldset key={si} className={styles.section}>
              <legend>Section {si + 1}</legend>
              <label className="field">
                <span className="field-label">Section {si + 1} title</span>
                <input className="input" required value={s.title} onChange={(e) => setSection(si, (x) => ({ ...x, title: e.target.value }))} />
              </label>
              {s.questions.map((q, qi) => {
                const name = `Question ${si + 1}.${qi + 1}`;
                return (
                  <div key={qi} className={styles.question} role="group" aria-label={name}>
                    <label className="field field-compact">
                      <span className="field-label">{name} text</span>
                      <input className="input" required value={q.text} onChange={(e) => setQuestion(si, qi, { ...q, text: e.target.value })} />
                    </label>
                    <label className="field field-compact">
                      <span className="field-label">{name} type</span>
                      <select
                        className="select"
                        value={q.type}
                        onChange={(e) =>
                          setQuestion(
                            si,
                            qi,
                            e.target.value === "scale"
                              ? { id: q.id, text: q.text, weight: q.weight, allowNa: q.allowNa, type: "scale", min: 1, max: 5, critical: false }
                              : { id: q.id, text: q.text, weight: q.weight, allowNa: q.allowNa, type: "yesno", critical: false },
                          )
                        }
                      >
                        <option value="yesno">Yes / no</option>
                        <option value="scale">Scale</option>
                      </select>
                    </label>
                    <label className="field field-compact">
                      <span className="field-label">{name} weight</span>
                      <input
                        className="input input-number"
                        type="number"
                        min={0.1}
                        step={0.1}
                        required
                        value={q.weight}
                        onChange={(e) => setQuestion(si, qi, { ...q, weight: Number(e.target.value) })}
                      />
                    </label>
                    {q.type === "scale" ? (
                      <>
                        <label className="field field-compact">
                          <span className="field-label">{name} lowest</span>
                          <input
                            className="input input-number"
                            type="number"
                            min={0}
                            max={9}
                            value={q.min}
                            onChange={(e) => setQuestion(si, qi, { ...q, min: Number(e.target.value) })}
                          />
                        </label>
                        <label className="field field-compact">
                          <span className="field-label">{name} highest</span>
                          <input
                            className="input input-number"
                            type="number"
                            min={1}
                            max={10}
                            value={q.max}
                            onChange={(e) => setQuestion(si, qi, { ...q, max: Number(e.target.value) })}
                          />
                        </label>
                      </>
                    ) : (
                      <label className="field field-compact">
                        <span>
                          <input type="checkbox" checked={q.critical} onChange={(e) => setQuestion(si, qi, { ...q, critical: e.target.checked })} /> {name} critical
                        </span>
                      </label>
                    )}
                    <label className="field field-compact">
                      <span>
                        <input type="checkbox" checked={q.allowNa} onChange={(e) => setQuestion(si, qi, { ...q, allowNa: e.target.checked })} /> {name} allows N/A
                      </span>
                    </label>
                    <button
                      type="button"
                      className="link-button"
                      disabled={s.questions.length === 1}
                      onClick={() => setSection(si, (x) => ({ ...x, questions: x.questions.filter((_, i) => i !== qi) }))}
                    >
                      Remove {name}
                    </button>
                  </div>
                );
              })}
              <div className={styles.row}>
                <button
                  type="button"
                  className="button"
                  onClick={() => setSection(si, (x) => ({ ...x, questions: [...x.questions, { ...newQuestion(0), id: nextQuestionId(card) }] }))}
                >
                  Add question to section {si + 1}
                </button>
                <button
                  type="button"
                  className="link-button"
                  disabled={card.sections.length === 1}
                  onClick={() => set({ ...card, sections: card.sections.filter((_, i) => i !== si) })}
                >
                  Remove section {si + 1}
                </button>
              </div>
            </fieldset>
          ))}
          <div className={styles.row}>
            <button
              type="button"
              className="button"
              onClick={() =>
                set({
                  ...card,
                  sections: [
                    ...card.sections,
                    { id: `s${card.sections.length + 1}-${Date.now() % 10_000}`, title: "", questions: [{ ...newQuestion(0), id: nextQuestionId(card) }] },
                  ],
                })
              }
            >
              Add section
            </button>
            <label>
              <input type="checkbox" checked={card.archived} onChange={(e) => set({ ...card, archived: e.target.checked })} /> Archived (no new evaluations)
            </label>
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save scorecard"}
            </button>
            <button type="button" className="link-button" onClick={() => (setEditing(blank()), setStatus(""))}>
              Start a new one
            </button>
          </div>
          <p role="status" data-testid="scorecard-status">
            {status}
          </p>
          {save.isError && (
            <p className="form-error" role="alert">
              {save.error.message}
            </p>
          )}
        </form>
      </section>
      <section className="card" aria-labelledby="forms-title">
        <h2 className="card-title" id="forms-title">
          Scorecards
        </h2>
        {list.isError ? (
          <ErrorState title="The scorecards could not be loaded." error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <Skeleton className="table-skeleton" />
        ) : list.data.scorecards.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul data-testid="scorecard-list">
            {list.data.scorecards.map((s) => (
              <li key={s.id}>
                <button type="button" className="link-button" onClick={() => (setEditing({ id: s.id, version: s.version, card: s.card }), setStatus(""))}>
                  {s.card.name}
                </button>{" "}
                v{s.version}
                {s.card.archived ? " (archived)" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
