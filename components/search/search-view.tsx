"use client";

import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import type { SearchHit, SearchOutcome } from "@/lib/transcripts/search-transcripts";
import { outcomeLabel } from "@/lib/tables/contact-table";
import { formatDateTime } from "@/lib/tables/format";
import { viewRange, type ViewParams } from "@/lib/views/view-params";
import { PeriodCaption } from "@/components/kit/period-caption";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { useHydrated } from "@/components/kit/use-hydrated";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { momentHref } from "@/components/calls/moment-link";

export const SEARCH_PAGE_SIZE = 25;
// The queue exit reasons (lib/events QUEUE_EXIT_REASONS), listed here so the page does not load the event schemas.
export const SEARCH_OUTCOME_CHOICES: readonly SearchOutcome[] = ["answered", "abandon", "timeout", "empty", "key", "transfer", "system"];
const SPEAKERS: Record<string, string> = { agent: "Agent", caller: "Caller", supervisor: "Supervisor" };

/** Transcript search: words and phrases across the period's transcripts, each hit opening the call at that moment. */
export function SearchView() {
  const { view, setView, setParams, params } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const hydrated = useHydrated();
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  const outcomeParam = params.get("outcome");
  const outcome = SEARCH_OUTCOME_CHOICES.find((o) => o === outcomeParam);
  const agent = params.getAll("agent").filter((a) => a.length > 0 && a.length <= 128);
  const pageRaw = Number(params.get("page") ?? "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 400 ? pageRaw : 1;
  const range = viewRange(view, now, tz);
  const req = {
    from: range.from,
    to: range.to,
    queue: view.queueIds,
    team: view.teamIds,
    agent,
    q: q.trim(),
    outcome,
    limit: SEARCH_PAGE_SIZE,
    offset: (page - 1) * SEARCH_PAGE_SIZE,
  };
  const hits = useQuery({ ...apiQueryOptions("/api/transcripts/search", req), enabled: req.q.length > 0, placeholderData: keepPreviousData });

  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Search transcripts</h1>
          <PeriodCaption period={view.period} range={range} tz={tz} updatedAt={hits.dataUpdatedAt} />
        </div>
      </div>
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: draft.trim() || undefined, page: undefined });
        }}
      >
        <label className="field">
          <span className="field-label">Words or a phrase</span>
          <input className="search-input" type="search" name="q" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} data-testid="search-input" />
        </label>
        <button type="submit" className="button button-primary" data-testid="search-submit">
          Search
        </button>
      </form>
      <ViewToolbar view={view} range={range} tz={tz} onChange={(patch: Partial<ViewParams>) => setView({ ...view, ...patch }, { page: undefined })}>
        <div className="field">
          <label className="field-label" htmlFor="search-outcome">
            Outcome
          </label>
          <select
            id="search-outcome"
            className="select"
            value={outcome ?? ""}
            disabled={!hydrated}
            onChange={(e) => setParams({ outcome: e.target.value || undefined, page: undefined })}
          >
            <option value="">Any</option>
            {SEARCH_OUTCOME_CHOICES.map((o) => (
              <option key={o} value={o}>
                {outcomeLabel(o)}
              </option>
            ))}
          </select>
        </div>
        {agent.length > 0 && (
          <div className="field">
            <span className="field-label">Agent</span>
            <span className="chip">
              {agent.join(", ")}{" "}
              <button type="button" className="link-button" onClick={() => setParams({ agent: undefined, page: undefined })} aria-label="Show all agents">
                ×
              </button>
            </span>
          </div>
        )}
      </ViewToolbar>
      <section className="card" aria-labelledby="search-results-title">
        <h2 className="card-title" id="search-results-title">
          Results
        </h2>
        {req.q.length === 0 ? (
          <p className="muted">Type words or a phrase: case and punctuation do not matter; a phrase matches its words in order.</p>
        ) : hits.isError ? (
          <p role="alert">{hits.error.message}</p>
        ) : !hits.data ? (
          <p className="muted">Searching…</p>
        ) : hits.data.items.length === 0 ? (
          <p className="muted" data-testid="search-empty">
            No transcript in this period says “{req.q}”.
          </p>
        ) : (
          <>
            <ol className="search-hits" data-testid="search-hits">
              {hits.data.items.map((h) => (
                <Hit key={`${h.recordingId}:${h.segmentIndex}`} hit={h} tz={tz} />
              ))}
            </ol>
            <div className="pager">
              <button type="button" className="button" disabled={page <= 1} onClick={() => setParams({ page: page <= 2 ? undefined : String(page - 1) })}>
                Previous
              </button>{" "}
              <span>Page {page}</span>{" "}
              <button type="button" className="button" disabled={!hits.data.hasMore} onClick={() => setParams({ page: String(page + 1) })}>
                Next
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function Hit({ hit, tz }: { hit: SearchHit; tz: string }) {
  const m = hit.match;
  const before = m ? hit.words.slice(0, m.first) : hit.words;
  const matched = m ? hit.words.slice(m.first, m.last + 1) : [];
  const after = m ? hit.words.slice(m.last + 1) : [];
  return (
    <li className="search-hit" data-call={hit.callId} data-recording={hit.recordingId}>
      <Link href={momentHref(hit.callId, hit.recordingId, hit.seekMs)} data-testid="search-hit-link">
        {before.join(" ")} {matched.length > 0 && <mark>{matched.join(" ")}</mark>} {after.join(" ")}
      </Link>
      <div className="search-hit-meta">
        {SPEAKERS[hit.speaker] ?? hit.speaker} · {formatDateTime(hit.at, tz)} · {hit.agentName} · {hit.queueName}
      </div>
    </li>
  );
}
