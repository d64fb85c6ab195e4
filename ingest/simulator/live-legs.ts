import type { ConversationPlan } from "./conversation";

/** An agent leg in conversation now, as monitoring needs it: whose, since when, and the plan its audio follows. */
export interface LiveLeg {
  readonly callId: string;
  readonly legId: string;
  readonly queueId: string;
  readonly agentId: string;
  readonly answeredAt: number;
  readonly plan: ConversationPlan;
}

/**
 * The legs connected to an agent right now, by call, and who wants to know when one
 * ends: a supervisor monitoring a call leaves it when the agent's leg clears (the call
 * ended or was transferred), as a snoop on a hung-up channel ends in Asterisk.
 */
export class LiveLegs {
  private readonly byCall = new Map<string, LiveLeg>();
  private readonly watchers = new Map<string, Set<(at: number) => void>>();

  connected(leg: LiveLeg): void {
    this.byCall.set(leg.callId, leg);
  }

  cleared(legId: string, callId: string, at: number): void {
    if (this.byCall.get(callId)?.legId === legId) this.byCall.delete(callId);
    const watchers = this.watchers.get(legId);
    this.watchers.delete(legId);
    for (const w of watchers ?? []) w(at);
  }

  ofCall(callId: string): LiveLeg | undefined {
    return this.byCall.get(callId);
  }

  /** Calls `onCleared` once, when the leg clears; returns a function that stops watching. */
  watch(legId: string, onCleared: (at: number) => void): () => void {
    let set = this.watchers.get(legId);
    if (!set) this.watchers.set(legId, (set = new Set()));
    set.add(onCleared);
    return () => void set.delete(onCleared);
  }
}
