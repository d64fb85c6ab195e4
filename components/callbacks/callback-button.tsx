"use client";

import { useMutation } from "@tanstack/react-query";
import type { CallbackRow } from "@/lib/callbacks/callback-list";
import { placeCallback } from "@/lib/query-options/callbacks";
import type { CallbackFirst } from "@/lib/telephony/commands";

/**
 * One click: the platform rings the queue's next free agent (Call back), or the supervisor's
 * own phone (Call back myself, for a user with an extension where the platform can), then
 * the caller. The answer names whose phone rings; the outcome shows in the row once the
 * platform reports it. Offered again after a callback that reached nobody; not while one is
 * in progress or once the caller was reached.
 */
export function CallbackButton({
  row,
  sent,
  agentFirst,
  myPhone,
  onPlaced,
  onSettled,
}: {
  row: CallbackRow;
  sent: boolean;
  /** The platform rings an agent first (Call back). */
  agentFirst: boolean;
  /** The viewer's own extension, when the platform can ring it first (Call back myself). */
  myPhone: string | null;
  onPlaced: () => void;
  onSettled: () => void;
}) {
  const call = useMutation({
    mutationFn: (first: CallbackFirst) => placeCallback(row.callId, row.missedAt, first),
    onSuccess: onPlaced,
    onSettled,
  });
  if (!row.callable || row.done || row.status.kind === "calling") return null;
  if (call.isSuccess || (sent && row.status.kind === "open")) {
    return (
      <span role="status" data-testid="callback-placed">
        {call.data?.first === "supervisor" ? `Ringing your phone (${myPhone ?? "yours"}) first…` : `Ringing ${call.data?.agentId ?? "an agent"} first…`}
      </span>
    );
  }
  const again = row.status.kind === "tried";
  return (
    <span className="callback-action">
      {agentFirst && (
        <button type="button" className="button" disabled={call.isPending} onClick={() => call.mutate("agent")} data-testid="callback-button">
          {call.isPending && call.variables === "agent" ? "Calling…" : again ? "Try again" : "Call back"}
        </button>
      )}
      {myPhone && (
        <button
          type="button"
          className="button"
          disabled={call.isPending}
          onClick={() => call.mutate("supervisor")}
          data-testid="callback-myself-button"
          title={`Your phone (${myPhone}) rings first, then the caller`}
        >
          {call.isPending && call.variables === "supervisor" ? "Calling…" : again ? "Try again myself" : "Call back myself"}
        </button>
      )}
      {call.isError && (
        <span role="alert" className="field-error" data-testid="callback-error">
          {call.error.message}
        </span>
      )}
    </span>
  );
}
