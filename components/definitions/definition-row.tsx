"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { QUEUE_DEFINITION_LIMITS } from "@/lib/queue-settings/limits";
import { SHORT_ABANDON_RULES, SL_VARIANTS, SL_VARIANT_DEFINITIONS, isShortAbandonRule, isSlVariant, type ShortAbandonRule, type SlVariant } from "@/lib/kpi/definitions";
import { saveQueueDefinition } from "@/lib/query-options/definitions";
import type { QueueInfo } from "@/lib/directory/list-queues";

const L = QUEUE_DEFINITION_LIMITS;

/**
 * One queue's settings as a small form. Saving sends the version it was edited
 * from, so a change someone else made meanwhile is reported, not overwritten.
 * Every cached number is refetched afterwards: the change applies to history.
 */
export function DefinitionRow({ queue, onSaved }: { queue: QueueInfo; onSaved: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [threshold, setThreshold] = useState(String(queue.slThresholdS));
  const [variant, setVariant] = useState<SlVariant>(isSlVariant(queue.slVariant) ? queue.slVariant : "answered_within_over_answered");
  const [short, setShort] = useState(String(queue.shortAbandonS));
  const [rule, setRule] = useState<ShortAbandonRule>(isShortAbandonRule(queue.shortAbandonRule) ? queue.shortAbandonRule : "below");
  const [maxWait, setMaxWait] = useState(String(queue.maxWaitS));
  const [target, setTarget] = useState(String(queue.slTargetPct));
  const save = useMutation({
    mutationFn: () =>
      saveQueueDefinition(queue.id, {
        slThresholdS: Number(threshold),
        slVariant: variant,
        shortAbandonS: Number(short),
        shortAbandonRule: rule,
        maxWaitS: Number(maxWait),
        slTargetPct: Number(target),
        expectedVersion: queue.definitionVersion,
      }),
    onSuccess: (result) => {
      onSaved(result.changed ? `Saved ${queue.name} as settings v${result.after.definitionVersion}.` : `${queue.name}: nothing changed.`);
      return queryClient.invalidateQueries();
    },
  });
  const changed =
    Number(threshold) !== queue.slThresholdS ||
    variant !== queue.slVariant ||
    Number(short) !== queue.shortAbandonS ||
    rule !== queue.shortAbandonRule ||
    Number(maxWait) !== queue.maxWaitS ||
    Number(target) !== queue.slTargetPct;
  const id = (name: string) => `def-${queue.id}-${name}`;
  return (
    <tr data-queue={queue.id}>
      <th scope="row">{queue.name}</th>
      <td>
        <NumberInput
          id={id("threshold")}
          label={`Service-level threshold for ${queue.name}, seconds`}
          limits={L.slThresholdS}
          value={threshold}
          onChange={setThreshold}
        />
      </td>
      <td>
        <label className="sr-only" htmlFor={id("variant")}>
          Service-level variant for {queue.name}
        </label>
        <select id={id("variant")} className="select" value={variant} onChange={(e) => isSlVariant(e.target.value) && setVariant(e.target.value)}>
          {SL_VARIANTS.map((v) => (
            <option key={v} value={v}>
              {SL_VARIANT_DEFINITIONS[v].label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <NumberInput id={id("target")} label={`Service-level target for ${queue.name}, percent`} limits={L.slTargetPct} step={0.1} value={target} onChange={setTarget} />
      </td>
      <td>
        <NumberInput id={id("short")} label={`Short-abandon threshold for ${queue.name}, seconds`} limits={L.shortAbandonS} value={short} onChange={setShort} />
        <label className="sr-only" htmlFor={id("rule")}>
          Whether a wait of exactly the short-abandon threshold is short, for {queue.name}
        </label>
        <select id={id("rule")} className="select" value={rule} onChange={(e) => isShortAbandonRule(e.target.value) && setRule(e.target.value)}>
          {SHORT_ABANDON_RULES.map((r) => (
            <option key={r} value={r}>
              {r === "below" ? "below" : "at or below"}
            </option>
          ))}
        </select>
      </td>
      <td>
        <NumberInput
          id={id("max-wait")}
          label={`Longest possible wait in ${queue.name}, seconds (0: not known)`}
          limits={L.maxWaitS}
          value={maxWait}
          onChange={setMaxWait}
        />
      </td>
      <td data-col="version" data-value={queue.definitionVersion}>
        v{queue.definitionVersion}
      </td>
      <td className="col-text">
        <button type="button" className="button button-primary button-small" disabled={!changed || save.isPending} onClick={() => save.mutate()}>
          {save.isPending ? "Saving…" : `Save ${queue.name}`}
        </button>
        {save.isError && (
          <span className="field-error row-status" role="alert">
            {save.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}

/** A number within a setting's limits (whole seconds unless `step` says otherwise), labelled for screen readers. */
function NumberInput(p: { id: string; label: string; limits: { min: number; max: number }; step?: number; value: string; onChange: (v: string) => void }) {
  return (
    <>
      <label className="sr-only" htmlFor={p.id}>
        {p.label}
      </label>
      <input
        id={p.id}
        className="input input-number"
        type="number"
        inputMode={p.step === undefined ? "numeric" : "decimal"}
        min={p.limits.min}
        max={p.limits.max}
        step={p.step ?? 1}
        required
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </>
  );
}
