"use client";

import { useQuery } from "@tanstack/react-query";
import { teamsQueryOptions } from "@/lib/query-options/api-query";

const ALL = "";

/** One team or all; a team narrows the view to the contacts its agents answered. */
export function TeamFilter({ value, onChange }: { value: readonly string[]; onChange: (teamIds: string[]) => void }) {
  const teams = useQuery(teamsQueryOptions());
  const list = teams.data?.teams ?? [];
  const selected = value.length === 0 ? ALL : value.length === 1 ? (value[0] ?? ALL) : "__several";
  const known = new Set(list.map((t) => t.id));
  return (
    <div className="field">
      <label className="field-label" htmlFor="team-filter">
        Team
      </label>
      <select
        id="team-filter"
        className="select select-narrow"
        value={selected}
        disabled={teams.isPending}
        aria-describedby={teams.isError ? "team-filter-error" : value.length > 0 ? "team-filter-note" : undefined}
        onChange={(e) => onChange(e.target.value === ALL ? [] : [e.target.value])}
      >
        <option value={ALL}>{teams.isPending ? "Loading teams…" : "All teams"}</option>
        {selected === "__several" && (
          <option value="__several" disabled>
            Several teams ({value.length})
          </option>
        )}
        {value.length === 1 && value[0] && !known.has(value[0]) && !teams.isPending && <option value={value[0]}>{value[0]}</option>}
        {list.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.agentCount} agents)
          </option>
        ))}
      </select>
      {teams.isError && (
        <span id="team-filter-error" className="field-error">
          Teams could not be loaded.{" "}
          <button type="button" className="link-button" onClick={() => void teams.refetch()}>
            Retry
          </button>
        </span>
      )}
    </div>
  );
}
