"use client";

import { useMutation } from "@tanstack/react-query";
import type { CallbackRow } from "@/lib/callbacks/callback-list";
import { placeCallback } from "@/lib/query-options/callbacks";

/**
 * One click: the platform rings the queue's next free agent, then the caller. The answer
 * names the agent; the outcome shows in the row once the platform reports it. Offered
 * again after a callback that reached nobody; not while one is in progress or once the
 * caller was reached.
 */
export function CallbackButton({ row, sent, onPlaced, onSettled }: { row: CallbackRow; sent: boolean; onPlaced: () => void; onSettled: () => void }) {
  const call = useMutation({
    mutationFn: () => placeCallback(row.callId, row.missedAt),
    onSuccess: onPlaced,
    onSettled,
  });
  if (!row.callable || row.done || row.status.kind === "calling") return null;
  if (call.isSuccess || (sent && row.status.kind === "open")) {
    return (
      <span role="status" data-testid="callback-placed">
        Ringing {call.data?.agentId ?? "an agent"} first…
      </span>
    );
  }
  return (
    <span className="callback-action">
      <button type="button" className="button" disabled={call.isPending} onClick={() => call.mutate()} data-testid="callback-button">
        {call.isPending ? "Calling…" : row.status.kind === "tried" ? "Try again" : "Call back"}
      </button>
      {call.isError && (
        <span role="alert" className="field-error" data-testid="callback-error">
          {call.error.message}
        </span>
      )}
    </span>
  );
}
