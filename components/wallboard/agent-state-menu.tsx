"use client";

import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { AgentRow } from "@/lib/live/view-types";
import type { AgentStateResult } from "@/lib/telephony/commands";
import { apiSend } from "@/lib/query-options/api-send";
import { reasonLabel } from "./labels";
import styles from "./wallboard.module.css";

/** Reasons a supervisor pauses an agent for; the platform carries any short code, these are the ones offered. */
export const SUPERVISOR_REASONS = ["coaching", "meeting", "training", "break", "lunch"] as const;

type Choice = "ready" | "logged_out" | `not_ready:${(typeof SUPERVISOR_REASONS)[number]}`;

function bodyOf(choice: Choice) {
  if (choice === "ready" || choice === "logged_out") return { state: choice };
  return { state: "not_ready" as const, reason: choice.slice("not_ready:".length) };
}

function outcome(choice: Choice, r: AgentStateResult, name: string): string {
  const what = choice === "ready" ? "ready" : choice === "logged_out" ? "logged out" : `not ready (${reasonLabel(choice.slice("not_ready:".length))})`;
  return r.applied === "now" ? `${name} is ${what}.` : `${name} will be ${what} when the current call and its wrap-up end.`;
}

/**
 * "Set state" on an agent tile: ready, not ready with a reason, or log out, through the
 * platform (POST /api/agents/{id}/state, docs/telephony.md). The tile itself changes when
 * the platform's event comes back over the live feed; this only says what was asked and
 * whether the platform took it.
 */
export function AgentStateMenu({ agent }: { agent: AgentRow }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>(agent.state === "not_ready" ? "ready" : "not_ready:coaching");
  const selectId = useId();
  const send = useMutation({
    mutationFn: (c: Choice) => apiSend<AgentStateResult>("POST", `/api/agents/${encodeURIComponent(agent.id)}/state`, bodyOf(c)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(choice);
  };
  if (!open) {
    return (
      <button type="button" className={styles.agentAction} onClick={() => setOpen(true)} aria-label={`Set state of ${agent.name}`}>
        Set state
      </button>
    );
  }
  return (
    <form className={styles.agentStateForm} onSubmit={submit} aria-label={`Set ${agent.name}'s state`}>
      <label htmlFor={selectId}>New state</label>
      <select id={selectId} className="input" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
        <option value="ready">Ready</option>
        {SUPERVISOR_REASONS.map((r) => (
          <option key={r} value={`not_ready:${r}`}>
            Not ready: {reasonLabel(r)}
          </option>
        ))}
        <option value="logged_out">Log out</option>
      </select>
      <div className={styles.agentStateButtons}>
        <button type="submit" className="button" disabled={send.isPending}>
          Apply
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            send.reset();
          }}
        >
          Close
        </button>
      </div>
      {send.isSuccess && (
        <p role="status" className={styles.formMessage} data-kind="ok">
          {outcome(send.variables, send.data, agent.name)}
        </p>
      )}
      {send.isError && (
        <p role="alert" className={styles.formMessage} data-kind="error">
          {send.error.message}
        </p>
      )}
    </form>
  );
}
