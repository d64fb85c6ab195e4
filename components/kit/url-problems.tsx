"use client";

import { useQuery } from "@tanstack/react-query";
import { agentsQueryOptions, queuesQueryOptions, teamsQueryOptions } from "@/lib/query-options/api-query";
import { urlProblems, type UrlProblem } from "@/lib/views/url-problems";
import { useView, type ParamPatch } from "./use-view";

/** The URL patch that clears a problem: its keys deleted, or one value of a repeated key. */
function clearing(problem: UrlProblem, current: (key: string) => string[]): ParamPatch {
  const patch: ParamPatch = { page: undefined };
  for (const r of problem.remove) patch[r.key] = r.value === undefined ? undefined : current(r.key).filter((v) => v !== r.value);
  return patch;
}

/**
 * What in the address the page could not honour, said plainly with what it shows
 * instead, each with a way to drop it from the address. Nothing when all is well.
 */
export function UrlProblems({ explicitRange = false }: { explicitRange?: boolean }) {
  const { params, setParams } = useView();
  const queues = useQuery(queuesQueryOptions());
  const teams = useQuery(teamsQueryOptions());
  // Only the contacts page takes agents in its address, so the agent list is read only when one is there.
  const agents = useQuery({ ...agentsQueryOptions(), enabled: params.getAll("agent").length > 0 });
  const known = { queues: queues.data?.queues.map((q) => q.id), teams: teams.data?.teams.map((t) => t.id), agents: agents.data?.agents.map((a) => a.id) };
  const problems = urlProblems(params, { known, explicitRange });
  if (problems.length === 0) return null;
  return (
    <div className="url-problems" role="status" data-testid="url-problems">
      {problems.map((p) => (
        <p key={p.message}>
          {p.message}{" "}
          <button type="button" className="link-button" onClick={() => setParams(clearing(p, (k) => params.getAll(k)))}>
            Remove it from the address
          </button>
        </p>
      ))}
    </div>
  );
}
