"use client";

import { useQuery } from "@tanstack/react-query";
import type { Scope } from "@/lib/auth/scope";
import { queuesQueryOptions, teamsQueryOptions } from "@/lib/query-options/api-query";

/** Teams and queues a user may see, picked from the directory's lists; nothing picked (null) is the whole centre. */
export function ScopePicker({ value, onChange, idPrefix }: { value: Scope | null; onChange: (s: Scope | null) => void; idPrefix: string }) {
  const teams = useQuery(teamsQueryOptions());
  const queues = useQuery(queuesQueryOptions());
  const scope = value ?? { teams: [], queues: [] };
  const toggle = (kind: keyof Scope, id: string, on: boolean) => {
    const next = { ...scope, [kind]: on ? [...scope[kind], id] : scope[kind].filter((x) => x !== id) };
    onChange(next.teams.length === 0 && next.queues.length === 0 ? null : next);
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
      <p className="muted">{value ? "Sees only what is picked below." : "Sees the whole centre (nothing picked)."}</p>
      {group(
        "teams",
        "Teams",
        (teams.data?.teams ?? []).map((t) => t.id),
      )}
      {group(
        "queues",
        "Queues",
        (queues.data?.queues ?? []).map((q) => q.id),
      )}
    </div>
  );
}
