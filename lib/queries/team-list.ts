import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

/** One team as /api/teams returns it. There is no team name in the store yet, so the id is its name. */
export type TeamInfo = { id: string; agentCount: number };
export type TeamsResponse = { teams: TeamInfo[] };

export const teamsQueryOptions = () =>
  queryOptions({
    queryKey: ["teams"],
    queryFn: ({ signal }) => fetchJson<TeamsResponse>("/api/teams", signal),
    staleTime: 5 * 60_000,
  });
