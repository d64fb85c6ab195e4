"use client";

import { useQuery } from "@tanstack/react-query";
import { queuesQueryOptions } from "@/lib/query-options/api-query";

const ALL = "";

/**
 * One queue or all. The URL may name several queues (the API takes a list); the
 * select then shows "Several queues" until one is picked.
 */
export function QueueFilter({ value, onChange }: { value: readonly string[]; onChange: (queueIds: string[]) => void }) {
  const queues = useQuery(queuesQueryOptions());
  const list = queues.data?.queues ?? [];
  const selected = value.length === 0 ? ALL : value.length === 1 ? (value[0] ?? ALL) : "__several";
  const known = new Set(list.map((q) => q.id));
  return (
    <div className="field">
      <label className="field-label" htmlFor="queue-filter">
        Queue
      </label>
      <select
        id="queue-filter"
        className="select"
        value={selected}
        disabled={queues.isPending}
        aria-describedby={queues.isError ? "queue-filter-error" : undefined}
        onChange={(e) => onChange(e.target.value === ALL ? [] : [e.target.value])}
      >
        <option value={ALL}>{queues.isPending ? "Loading queues…" : "All queues"}</option>
        {selected === "__several" && (
          <option value="__several" disabled>
            Several queues ({value.length})
          </option>
        )}
        {/* A queue named in the URL but not (or no longer) configured still shows, by its id. */}
        {value.length === 1 && value[0] && !known.has(value[0]) && !queues.isPending && <option value={value[0]}>{value[0]}</option>}
        {list.map((q) => (
          <option key={q.id} value={q.id}>
            {q.name}
          </option>
        ))}
      </select>
      {queues.isError && (
        <span id="queue-filter-error" className="field-error">
          Queues could not be loaded.{" "}
          <button type="button" className="link-button" onClick={() => void queues.refetch()}>
            Retry
          </button>
        </span>
      )}
    </div>
  );
}
