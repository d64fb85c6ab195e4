"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { ALERT_LIMIT_MAX_S, type AlertSettings } from "@/lib/live/alert-settings";
import type { AlertSettingsResponse } from "@/lib/live/store/alert-settings-record";
import { ApiError } from "@/lib/query-options/fetch-json";
import { apiSend } from "@/lib/query-options/api-send";
import { SettingsPage } from "./settings-page";
import styles from "./wallboard.module.css";
import summary from "./floor-summary.module.css";

const LIMITS = [
  { key: "notReadyMaxS", label: "Agent in not-ready for at least (s)" },
  { key: "afterCallWorkMaxS", label: "Agent in after-call work for at least (s)" },
  { key: "waitingMaxS", label: "Caller waiting for at least (s)" },
] as const;

const ALERTS = apiQueryOptions("/api/admin/wallboard-alerts", {});

async function save(settings: AlertSettings, expectedVersion: number): Promise<AlertSettingsResponse> {
  try {
    return await apiSend<AlertSettingsResponse>("PUT", "/api/admin/wallboard-alerts", { settings, expectedVersion });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    throw new ApiError(409, "Not saved: someone else saved the limits meanwhile. The form now shows theirs; make your change again and save.", e.currentVersion);
  }
}

function Form({ data }: { data: AlertSettingsResponse }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<AlertSettings>(data.settings);
  const [shownVersion, setShownVersion] = useState(data.version);
  // A new stored version (ours, or someone else's after a conflict): start again from it.
  if (data.version !== shownVersion) {
    setShownVersion(data.version);
    setDraft(data.settings);
  }
  const mutation = useMutation({
    mutationFn: (s: AlertSettings) => save(s, data.version),
    onSuccess: (saved) => client.setQueryData(ALERTS.queryKey, saved),
    onError: (e) => (e instanceof ApiError && e.status === 409 ? client.invalidateQueries({ queryKey: ALERTS.queryKey }) : undefined),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(draft);
  };
  return (
    <form className={`card ${summary.limitsForm}`} onSubmit={submit} aria-labelledby="alert-limits-title" data-version={data.version}>
      <h2 className="card-title" id="alert-limits-title">
        Limits {data.version > 0 ? `(v${data.version})` : "(built-in defaults)"}
      </h2>
      {LIMITS.map((f) => (
        <label key={f.key} className="field">
          <span className="field-label">
            {f.label}; 0 = no alert (default {data.defaults[f.key]} s)
          </span>
          <input
            className="input input-number"
            type="number"
            min={0}
            max={ALERT_LIMIT_MAX_S}
            step={1}
            required
            value={draft[f.key]}
            onChange={(e) => setDraft((d) => ({ ...d, [f.key]: Number(e.target.value) }))}
          />
        </label>
      ))}
      <label className="scope-option">
        <input type="checkbox" checked={draft.targetBreach} onChange={(e) => setDraft((d) => ({ ...d, targetBreach: e.target.checked }))} />
        <span>Alert when a queue&apos;s service level today is below its target</span>
      </label>
      <div>
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : "Save limits"}
        </button>
      </div>
      {mutation.isError && (
        <p className={styles.formMessage} data-kind="error" role="alert">
          {mutation.error.message}
        </p>
      )}
      {mutation.isSuccess && (
        <p className={styles.formMessage} data-kind="ok" role="status">
          {mutation.data.changed ? `Saved as v${mutation.data.version}; open wallboards use it at once.` : "Nothing changed."}
        </p>
      )}
    </form>
  );
}

/** Admins set when the wallboard raises alerts; each save is a new version, audited. */
export function AlertSettingsForm() {
  const q = useQuery(ALERTS);
  return (
    <SettingsPage
      title="Wallboard alerts"
      subtitle="An alert appears on every wallboard the second a limit is reached; viewers may turn on a sound for it."
      query={q}
      what="The alert limits"
    >
      {(data) => <Form data={data} />}
    </SettingsPage>
  );
}
