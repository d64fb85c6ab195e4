import { z } from "zod";
import { parseSearchQuery } from "@/lib/transcripts/search-query";
import { SEARCH_OUTCOMES, searchTranscripts } from "@/lib/transcripts/search-transcripts";
import { defineEndpoint } from "../endpoint";
import { agentParam, checkRange, intParam, periodParams } from "../params";

const DEFAULT_LIMIT = 25;

const searchParamsSchema = z
  .object({
    ...periodParams,
    agent: agentParam,
    // Judged by parseSearchQuery, whose 400 says what is wrong with it (empty, too long, no words).
    q: z.string().default(""),
    outcome: z.enum(SEARCH_OUTCOMES, { error: `must be one of ${SEARCH_OUTCOMES.join(", ")}` }).optional(),
    limit: intParam("hits per page", 1, 100).default(DEFAULT_LIMIT),
    offset: intParam("hits to skip", 0, 10_000).default(0),
  })
  .superRefine(checkRange);

/** Words and phrases across every transcript in scope, newest first. */
export const transcriptSearch = defineEndpoint({
  method: "GET",
  path: "/api/transcripts/search",
  capability: "recordings",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: searchParamsSchema,
  run: ({ ch, tenantId }, p) =>
    searchTranscripts(ch, {
      tenantId,
      query: parseSearchQuery(p.q),
      from: p.from,
      to: p.to,
      queueIds: p.queue,
      teamIds: p.team,
      agentIds: p.agent,
      outcomes: p.outcome ? [p.outcome] : [],
      limit: p.limit,
      offset: p.offset,
    }),
});
