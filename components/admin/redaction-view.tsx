"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RedactionKind } from "@/lib/redaction/kinds";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { ApiError } from "@/lib/query-options/fetch-json";
import { saveRedactionSettings } from "@/lib/query-options/redaction";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";

const SETTINGS = apiQueryOptions("/api/admin/redaction", {});

const KIND_TEXT: Record<RedactionKind, { label: string; hint: string }> = {
  card_number: { label: "Card numbers", hint: "13 to 19 digits, spoken or written; Luhn-checked unless card words come just before" },
  security_code: { label: "Security codes", hint: "3 or 4 digits after \u201csecurity code\u201d, \u201cCVV\u201d, \u201cthree digits on the back\u201d" },
  expiry: { label: "Expiry dates", hint: "a date after \u201cexpiry\u201d, \u201cexpires\u201d, \u201cvalid until\u201d" },
};
const KINDS = Object.keys(KIND_TEXT) as RedactionKind[];

/**
 * Admins choose what redaction masks in transcripts before they are stored (and so
 * what is silenced in served audio), and whether the unmasked segment is kept for
 * admins. A change applies to segments ingested from then on; stored ones stay as
 * they were masked. Versioned and audited like every setting.
 */
export function RedactionView() {
  const client = useQueryClient();
  const q = useQuery(SETTINGS);
  const [draft, setDraft] = useState<{ kinds: Record<RedactionKind, boolean>; keepOriginal: boolean } | null>(null);
  const save = useMutation({
    mutationFn: saveRedactionSettings,
    onSuccess: (r) => {
      client.setQueryData(SETTINGS.queryKey, r.after);
      setDraft(null);
    },
    onError: (e) => (e instanceof ApiError && e.status === 409 ? client.invalidateQueries({ queryKey: SETTINGS.queryKey }) : undefined),
  });
  if (q.isError) return <ErrorState title="The redaction settings could not be loaded." error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton height="200px" />;
  const current = draft ?? { kinds: q.data.kinds, keepOriginal: q.data.keepOriginal };
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Redaction</h1>
          <p className="page-subtitle">
            What is masked in transcripts before they are stored, and silenced in the recordings served. Applies to transcripts from now on. Version {q.data.version}.
          </p>
        </div>
      </div>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...current, expectedVersion: q.data.version });
        }}
      >
        <fieldset className="scope-group">
          <legend>Mask</legend>
          {KINDS.map((k) => (
            <div key={k}>
              <label className="scope-option">
                <input type="checkbox" checked={current.kinds[k]} onChange={(e) => setDraft({ ...current, kinds: { ...current.kinds, [k]: e.target.checked } })} />
                <span>
                  {KIND_TEXT[k].label} <small className="muted">{KIND_TEXT[k].hint}</small>
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <label className="scope-option">
            <input type="checkbox" checked={current.keepOriginal} onChange={(e) => setDraft({ ...current, keepOriginal: e.target.checked })} />
            <span>
              Keep the unmasked transcript <small className="muted">readable by admins only; off unless your policy requires it</small>
            </span>
          </label>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={draft === null || save.isPending}>
            Save
          </button>
        </div>
        <p className="save-status" role="status">
          {save.isSuccess ? `Saved as version ${save.data.after.version}.` : ""}
        </p>
        {save.isError && (
          <p className="notice" role="alert">
            Not saved: {save.error.message}
          </p>
        )}
      </form>
    </div>
  );
}
