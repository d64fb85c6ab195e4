"use client";

import { useQuery } from "@tanstack/react-query";
import type { Scope } from "@/lib/auth/scope";
import { queuesQueryOptions, teamsQueryOptions } from "@/lib/query-options/api-query";

/**
 * Teams and queues a user may see, picked from the directory's lists. "Whole
 * centre" (null) is its own box: unpicking the last team or queue must narrow a
 * user to nothing, never silently widen them to everything.
 */
export function ScopePicker({ value, onChange, idPrefix }: { value: Scope | null; onChange: (s: Scope | null) => void; idPrefix: string }) {
  const teams = useQuery(teamsQueryOptions());
  const queues = useQuery(queuesQueryOptions());
  const scope = value ?? { teams: [], queues: [] };
  const toggle = (kind: keyof Scope, id: string, on: boolean) => {
    const next = { ...scope, [kind]: on ? [...scope[kind], id] : scope[kind].filter((x) => x !== id) };
    onChange(next);
  };
  const group = (kind: keyof Scope, legend: string, ids: string[]) => (
    <fieldset className="scope-group">
      <legend>{legend}</legend>
      {ids.length === 0 && <span className="muted">none known yet</span>}
      {ids.map((id) => (
        <label key={id} className="scope-option">
          <input type="checkbox" id={`${idPrefix}-${kind}-${id}`} checked={scope[kind].includes(id)} onChange={(e) => toggle(kind, id, e.target.checked)} />
          {id}
        </label>
      ))}
    </fieldset>
  );
  return (
    <div className="scope-picker" data-testid={`${idPrefix}-scope`}>
      <label className="scope-option">
        <input type="checkbox" id={`${idPrefix}-whole`} checked={value === null} onChange={(e) => onChange(e.target.checked ? null : { teams: [], queues: [] })} />
        Whole centre
      </label>
      <p className="muted">
        {value === null
          ? "Sees every team and queue."
          : value.teams.length + value.queues.length === 0
            ? "Sees nothing until a team or queue is picked."
            : "Sees only what is picked below."}
      </p>
      {value !== null &&
        group(
          "teams",
          "Teams",
          (teams.data?.teams ?? []).map((t) => t.id),
        )}
      {value !== null &&
        group(
          "queues",
          "Queues",
          (queues.data?.queues ?? []).map((q) => q.id),
        )}
    </div>
  );
}
