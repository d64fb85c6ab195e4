import type { MsSampler } from "./distributions";
import type { Rng } from "./random";

/** What happens between answer and the end of an agent leg, decided up front at answer time. */
export type Step = { readonly kind: "talk"; readonly ms: number } | { readonly kind: "hold"; readonly ms: number };

export type Outcome =
  | { readonly kind: "release"; readonly by: "agent" | "caller" }
  | { readonly kind: "transfer"; readonly mode: "blind"; readonly toQueueId: string }
  | { readonly kind: "transfer"; readonly mode: "attended"; readonly toQueueId: string; readonly consultMs: number };

export interface ConversationPlan {
  readonly steps: readonly Step[];
  readonly outcome: Outcome;
}

export interface ConversationRules {
  readonly talk: MsSampler;
  readonly hold: MsSampler;
  readonly consult: MsSampler;
  readonly holds: boolean;
  readonly transfers: boolean;
  readonly pHold: number;
  readonly pAdditionalHold: number;
  readonly pTransfer: number;
  readonly pBlind: number;
  readonly pCallerReleases: number;
  /** Queues this leg may be transferred to; empty when no transfer is allowed (policy or cap). */
  readonly transferTargets: readonly string[];
}

/** A cap so a pathological config (additionalHold = 1) cannot loop for ever. */
const MAX_HOLDS = 6;

/**
 * Talk time is drawn as the conversation itself; holds are inserted at uniform
 * points inside it, so talkMs on the wire (answer to clear) = conversation +
 * holds, as a PBX measures it.
 */
export function planConversation(rng: Rng, r: ConversationRules): ConversationPlan {
  const talkMs = r.talk(rng);
  let holdCount = 0;
  if (r.holds && rng.chance(r.pHold)) {
    holdCount = 1;
    while (holdCount < MAX_HOLDS && rng.chance(r.pAdditionalHold)) holdCount++;
  }
  const cuts = Array.from({ length: holdCount }, () => Math.round(rng.next() * talkMs)).sort((a, b) => a - b);
  const steps: Step[] = [];
  let at = 0;
  for (const cut of cuts) {
    steps.push({ kind: "talk", ms: cut - at }, { kind: "hold", ms: r.hold(rng) });
    at = cut;
  }
  steps.push({ kind: "talk", ms: talkMs - at });

  let outcome: Outcome;
  if (r.transfers && r.transferTargets.length > 0 && rng.chance(r.pTransfer)) {
    const toQueueId = rng.pick(r.transferTargets);
    // An attended transfer puts the caller on hold to consult: without holds it would emit hold events.
    outcome =
      !r.holds || rng.chance(r.pBlind) ? { kind: "transfer", mode: "blind", toQueueId } : { kind: "transfer", mode: "attended", toQueueId, consultMs: r.consult(rng) };
  } else {
    outcome = { kind: "release", by: rng.chance(r.pCallerReleases) ? "caller" : "agent" };
  }
  return { steps, outcome };
}
