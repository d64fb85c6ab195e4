"use client";

import { Fragment, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import type { ThresholdsSaveResponse } from "@/lib/live/store/threshold-settings";
import { DEFAULT_QUEUE_KEY, type QueueThresholds } from "@/lib/live/thresholds";
import { ApiError } from "@/lib/query-options/fetch-json";
import { apiSend } from "@/lib/query-options/api-send";
import { SettingsPage } from "./settings-page";
import styles from "./wallboard.module.css";

type Row = { id: string; name: string; thresholds: QueueThresholds; custom: boolean; version: number };

const FIELDS = [
  { key: "longestWaitS", label: "Longest wait (s)" },
  { key: "waiting", label: "Calls waiting" },
] as const;

/** The form's query; a save answers the same data, so it replaces the cache without a refetch. */
const THRESHOLDS = apiQueryOptions("/api/admin/thresholds", {});

async function saveRow(queueId: string, thresholds: QueueThresholds, expectedVersion: number): Promise<ThresholdsSaveResponse> {
  try {
    return await apiSend<ThresholdsSaveResponse>("PUT", "/api/admin/thresholds", { queueId, thresholds, expectedVersion });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const now = e.currentVersion === undefined ? "" : ` (now v${e.currentVersion})`;
    throw new ApiError(409, `Not saved: someone else saved this row meanwhile${now}. It now shows their values; make your change again and save.`, e.currentVersion);
  }
}

/** One queue's (or the default's) six bounds and its own Save: a change applies to open wallboards at once. */
function ThresholdRow({ row }: { row: Row }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<QueueThresholds>(row.thresholds);
  // When the stored version moves (our save, or someone else's after a conflict), the row
  // starts again from what is stored, so the next save is based on what the admin sees.
  const [shownVersion, setShownVersion] = useState(row.version);
  if (row.version !== shownVersion) {
    setShownVersion(row.version);
    setDraft(row.thresholds);
  }
  const save = useMutation({
    mutationFn: (t: QueueThresholds) => saveRow(row.id, t, row.version),
    onSuccess: ({ queueId: _q, version: _v, changed: _c, ...data }) => client.setQueryData(THRESHOLDS.queryKey, data),
    onError: (e) => (e instanceof ApiError && e.status === 409 ? client.invalidateQueries({ queryKey: THRESHOLDS.queryKey }) : undefined),
  });
  const set = (key: keyof QueueThresholds, bound: "warning" | "critical", value: string) => setDraft((d) => ({ ...d, [key]: { ...d[key], [bound]: Number(value) } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  const formId = `thresholds-${row.id === DEFAULT_QUEUE_KEY ? "default" : row.id}`;
  return (
    <tr data-queue-id={row.id}>
      <th scope="row">
        {row.name}
        <div className={styles.metricNote}>
          {row.id === DEFAULT_QUEUE_KEY ? "for queues without their own" : row.custom ? "own thresholds" : "uses the default"}
          {row.version > 0 && <span data-version={row.version}> · v{row.version}</span>}
        </div>
      </th>
      {FIELDS.map((f) =>
        (["warning", "critical"] as const).map((bound) => (
          <td key={`${f.key}-${bound}`}>
            <input
              form={formId}
              className="input"
              type="number"
              min={0}
              step={1}
              value={draft[f.key][bound]}
              onChange={(e) => set(f.key, bound, e.target.value)}
              aria-label={`${row.name}: ${f.label}, ${bound}`}
            />
          </td>
        )),
      )}
      <td>
        <form id={formId} onSubmit={submit}>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
        </form>
        {save.isError && (
          <p className={styles.formMessage} data-kind="error" role="alert">
            {save.error.message}
          </p>
        )}
        {save.isSuccess && (
          <p className={styles.formMessage} data-kind="ok" role="status">
            Saved
          </p>
        )}
      </td>
    </tr>
  );
}

/** Admins set when a queue card turns amber and red; the wallboard recolours as soon as a row is saved. */
export function ThresholdForm() {
  const q = useQuery(THRESHOLDS);
  return (
    <SettingsPage
      title="Wallboard thresholds"
      subtitle="Amber from the warning bound, red from the critical one; service level turns amber and red below its bounds."
      query={q}
      what="The thresholds"
    >
      {(data) => (
        <div className={styles.tableWrap}>
          <table className={styles.thresholdTable}>
            <caption className="sr-only">Thresholds per queue</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Queue
                </th>
                {FIELDS.map((f) => (
                  <th key={f.key} scope="colgroup" colSpan={2}>
                    {f.label}
                  </th>
                ))}
                <th scope="col" rowSpan={2}>
                  <span className="sr-only">Save</span>
                </th>
              </tr>
              <tr>
                {FIELDS.map((f) => (
                  <Fragment key={f.key}>
                    <th scope="col">Warning</th>
                    <th scope="col">Critical</th>
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              <ThresholdRow key={DEFAULT_QUEUE_KEY} row={{ id: DEFAULT_QUEUE_KEY, name: "Default", ...data.default }} />
              {data.queues.map((r) => (
                <ThresholdRow key={r.id} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SettingsPage>
  );
}
