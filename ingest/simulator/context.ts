import type { CtiEvent, SPEC_VERSION } from "@/lib/events";
import type { Behaviours, SimulatorConfig } from "./config";
import type { MsSampler } from "./distributions";
import type { SimAgent, SimQueue } from "./model";
import type { LiveLegs } from "./live-legs";
import type { Rng } from "./random";

/** Envelope fields common to every event the simulator emits. */
export interface EnvelopeHeader {
  specVersion: typeof SPEC_VERSION;
  id: string;
  source: string;
  time: number;
  tenantId: string;
}

export interface Samplers {
  readonly ivr: MsSampler;
  readonly ring: MsSampler;
  readonly hold: MsSampler;
  readonly consult: MsSampler;
  readonly acw: MsSampler;
  readonly patience: MsSampler;
  readonly voicemail: MsSampler;
  readonly ringNoAnswerPause: MsSampler;
}

/**
 * What the call and agent handlers need from the engine. Handlers are plain
 * functions over this interface, so each file holds one concern and the engine
 * stays a scheduler.
 */
export interface SimContext {
  /** Current simulation time, epoch ms (integer). */
  readonly t: number;
  /** Where the events say they come from; recording events build their envelope from it. */
  readonly config: Pick<SimulatorConfig, "source" | "tenantId">;
  readonly behaviours: Behaviours;
  /** Legs answered from this time on are recorded, when behaviours.recordings is on. */
  readonly recordFrom: number;
  /** Stream for behaviour draws (durations, choices); ids and arrivals use their own. */
  readonly rng: Rng;
  readonly samplers: Samplers;
  readonly agents: readonly SimAgent[];
  readonly queuesById: ReadonlyMap<string, SimQueue>;
  readonly ringTimeoutMs: number;
  readonly maxTransfersPerCall: number;
  readonly probabilities: {
    readonly hold: number;
    readonly additionalHold: number;
    readonly transfer: number;
    readonly blindTransfer: number;
    readonly ringNoAnswer: number;
    readonly callerReleases: number;
  };
  /** Runs `run` at `time` (>= t). */
  at(time: number, run: () => void): void;
  emit(event: CtiEvent): void;
  /** A fresh envelope header stamped with the current time and a new event id. */
  header(): EnvelopeHeader;
  /** A new Asterisk-style channel uniqueid, "<epochSeconds>.<sequence>". */
  newChannelId(): string;
  nextLegSeq(): number;
  /** The agent finished whatever held it (call, ACW, pause, ring): decide what it does next. */
  agentFreed(agent: SimAgent): void;
  /** Agent legs in conversation now, for monitoring (live-legs.ts). */
  readonly liveLegs: LiveLegs;
}
