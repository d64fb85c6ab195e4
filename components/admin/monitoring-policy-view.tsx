"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MonitoringPolicy, QueueMonitoringPolicy } from "@/lib/monitoring-policy/policy";
import { apiQueryOptions, queuesQueryOptions } from "@/lib/query-options/api-query";
import { ApiError } from "@/lib/query-options/fetch-json";
import { saveMonitoringPolicy } from "@/lib/query-options/monitoring-policy";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ScrollRegion } from "@/components/table/scroll-region";

const POLICIES = apiQueryOptions("/api/monitor/policy", {});

const FIELDS: readonly { key: keyof MonitoringPolicy; label: string; hint: string }[] = [
  { key: "monitoring", label: "Monitoring", hint: "supervisors may listen to this queue's calls at all" },
  { key: "whisper", label: "Whisper", hint: "speak to the agent only" },
  { key: "barge", label: "Barge", hint: "join the conversation" },
  { key: "notifyAgent", label: "Tell the agent", hint: "a short beep when a supervisor starts listening" },
  { key: "bargeTone", label: "Tone on barge", hint: "both parties hear a tone when a supervisor joins" },
];

/**
 * Admins set, per queue, what supervisors may do on its calls and who is told
 * (docs/telephony.md, "Monitoring policy"). Each queue saves on its own, versioned and
 * audited; the monitoring service enforces it, and the wallboard offers only what it allows.
 */
export function MonitoringPolicyView() {
  const q = useQuery(POLICIES);
  const queues = useQuery(queuesQueryOptions());
  if (q.isError) return <ErrorState title="The monitoring policies could not be loaded." error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton height="200px" />;
  const name = (id: string) => queues.data?.queues.find((x) => x.id === id)?.name ?? id;
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Monitoring policy</h1>
          <p className="page-subtitle">
            What supervisors may do on each queue&apos;s calls, and who is told. A platform that cannot play a tone the policy asks for does not offer what needs it.
          </p>
        </div>
      </div>
      <section className="card">
        <ScrollRegion label="Monitoring policy per queue">
          <table className="data-table" data-testid="monitoring-policy-table">
            <caption className="sr-only">Monitoring policy per queue</caption>
            <thead>
              <tr>
                <th scope="col" className="col-text">
                  Queue
                </th>
                {FIELDS.map((f) => (
                  <th key={f.key} scope="col" title={f.hint}>
                    {f.label}
                  </th>
                ))}
                <th scope="col">Save</th>
              </tr>
            </thead>
            <tbody>
              {q.data.policies.map((p) => (
                <PolicyRow key={p.queueId} policy={p} queueName={name(p.queueId)} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </div>
  );
}

function PolicyRow({ policy, queueName }: { policy: QueueMonitoringPolicy; queueName: string }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<MonitoringPolicy | null>(null);
  // Only the policy's own fields: the stored row's queue and version are not part of a change.
  const { monitoring, whisper, barge, notifyAgent, bargeTone } = policy;
  const current: MonitoringPolicy = draft ?? { monitoring, whisper, barge, notifyAgent, bargeTone };
  const save = useMutation({
    mutationFn: () => saveMonitoringPolicy(policy.queueId, current, policy.version),
    onSuccess: () => {
      setDraft(null);
      void client.invalidateQueries({ queryKey: POLICIES.queryKey });
    },
    onError: (e) => (e instanceof ApiError && e.status === 409 ? client.invalidateQueries({ queryKey: POLICIES.queryKey }) : undefined),
  });
  // Whisper and barge are kinds of monitoring: with monitoring off they cannot be on.
  const disabled = (key: keyof MonitoringPolicy) => !current.monitoring && key !== "monitoring";
  return (
    <tr data-testid="monitoring-policy-row" data-policy-queue-id={policy.queueId} data-version={policy.version}>
      <th scope="row" className="col-text">
        {queueName}
      </th>
      {FIELDS.map((f) => (
        <td key={f.key}>
          <input
            type="checkbox"
            aria-label={`${f.label} on ${queueName}`}
            checked={current[f.key] && !disabled(f.key)}
            disabled={disabled(f.key)}
            onChange={(e) => setDraft({ ...current, [f.key]: e.target.checked })}
          />
        </td>
      ))}
      <td>
        <button type="button" className="button" disabled={draft === null || save.isPending} onClick={() => save.mutate()}>
          Save
        </button>
        <span role="status" className="save-status">
          {save.isSuccess ? ` Saved (version ${save.data.version})` : ""}
        </span>
        {save.isError && (
          <span role="alert" className="field-error">
            {" "}
            Not saved: {save.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
