import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { activityDue, logOn, settle } from "./agents";
import { ArrivalProcess } from "./arrivals";
import { arrive, serveNextCaller } from "./calls";
import type { SimulatorConfig } from "./config";
import type { EnvelopeHeader, Samplers, SimContext } from "./context";
import { compileDistribution } from "./distributions";
import { EventQueue } from "./event-queue";
import { LiveLegs } from "./live-legs";
import { LocalClock } from "./local-time";
import type { SimAgent, SimQueue } from "./model";
import { hashSeed, Rng } from "./random";
import { buildRoster, type RosterAgent } from "./roster";
import { compileBreakRules, planShift, type BreakRules } from "./schedule";

export interface SimOptions {
  /** Same config + seed + startTime => the same events, ids included. */
  seed: number;
  /** Epoch ms where the simulation begins; agents on shift at that moment log on then. */
  startTime: number;
  /** Legs answered before this time (epoch ms) are not recorded; default: every leg (behaviours.recordings on). */
  recordFrom?: number;
}

/**
 * A discrete-event simulation of an inbound contact centre that emits the CTI
 * events a queueing PBX would. Time only moves when advanceTo is called, so the
 * same engine backfills history as fast as the CPU allows and then follows the
 * wall clock for live data.
 */
export class ContactCentreSim implements SimContext {
  readonly roster: readonly RosterAgent[];
  readonly agents: SimAgent[];
  readonly queuesById: Map<string, SimQueue>;
  readonly behaviours: SimulatorConfig["behaviours"];
  readonly probabilities: SimulatorConfig["probabilities"];
  readonly samplers: Samplers;
  readonly ringTimeoutMs: number;
  readonly maxTransfersPerCall: number;
  readonly rng: Rng;
  readonly recordFrom: number;
  readonly liveLegs = new LiveLegs();

  private readonly events = new EventQueue();
  private out: CtiEvent[] = [];
  private clockMs: number;
  private horizon: number;
  private readonly idRng: Rng;
  private readonly scheduleRng: Rng;
  private readonly clock: LocalClock;
  private readonly breakRules: BreakRules;
  private readonly logonJitterMs: number;
  private readonly startTime: number;
  private channelSeq: number;
  private legSeq = 0;

  constructor(
    readonly config: SimulatorConfig,
    opts: SimOptions,
  ) {
    if (!Number.isSafeInteger(opts.startTime) || opts.startTime < 0) throw new RangeError("startTime must be a non-negative integer (epoch ms)");
    if (!Number.isFinite(opts.seed)) throw new RangeError("seed must be a finite number");
    this.startTime = opts.startTime;
    this.clockMs = opts.startTime;
    this.horizon = opts.startTime;
    this.behaviours = config.behaviours;
    this.recordFrom = opts.recordFrom ?? Number.NEGATIVE_INFINITY;
    this.probabilities = config.probabilities;
    this.ringTimeoutMs = Math.round(config.ringTimeoutSeconds * 1000);
    this.maxTransfersPerCall = config.maxTransfersPerCall;
    this.logonJitterMs = Math.round(config.logonJitterSeconds * 1000);
    this.clock = new LocalClock(config.timeZone);
    this.breakRules = compileBreakRules(config);
    this.rng = Rng.derive(opts.seed, "behaviour");
    this.scheduleRng = Rng.derive(opts.seed, "schedule");
    // Ids also depend on startTime: two runs share an event id only if they are the same run,
    // so a store that dedups by id never drops a different event that happens to reuse one.
    this.idRng = new Rng(hashSeed(opts.seed, opts.startTime, "ids"));
    // Asterisk's uniqueid sequence counts channels since the PBX started; begin somewhere run-specific.
    this.channelSeq = hashSeed(opts.seed, opts.startTime, "channels") % 90_000;

    const d = config.distributions;
    this.samplers = {
      ivr: compileDistribution(d.ivr),
      ring: compileDistribution(d.ring),
      hold: compileDistribution(d.hold),
      consult: compileDistribution(d.consult),
      acw: compileDistribution(d.acw),
      patience: compileDistribution(d.patience),
      voicemail: compileDistribution(d.voicemail),
      ringNoAnswerPause: compileDistribution(d.ringNoAnswerPause),
    };
    const talk = compileDistribution(d.talk);
    this.queuesById = new Map(config.queues.map((q) => [q.id, { config: q, talk: q.talk ? compileDistribution(q.talk) : talk, waiting: [] }]));
    this.roster = buildRoster(config);
    this.agents = this.roster.map((r) => ({
      roster: r,
      skills: new Set(r.skills),
      queues: r.queueIds.flatMap((id) => this.queuesById.get(id) ?? []),
      loggedOn: false,
      state: "ready",
      since: opts.startTime,
      reasonCode: undefined,
      callId: undefined,
      legId: undefined,
      queuedAt: undefined,
      hasPrevious: false,
      ringing: null,
      shift: null,
      lastPlanned: null,
      pending: [],
      timerToken: 0,
      requested: null,
    }));

    // Plan a day ahead of time, so a shift that continues straight into the next day's
    // (a 24-hour rota) is known before it ends and the agent stays logged on.
    const today = this.clock.dayIndex(opts.startTime);
    for (const day of [today - 1, today, today + 1]) this.planDay(day);
    this.scheduleDayPlanner(today + 1);
    for (const q of config.queues) {
      const queue = this.queuesById.get(q.id);
      if (queue) this.scheduleArrivals(queue, new ArrivalProcess(q, config.arrivalProfile, this.clock, Rng.derive(opts.seed, `arrivals:${q.id}`)), opts.startTime - 1);
    }
  }

  /** The time the simulation has been advanced to (epoch ms). */
  get now(): number {
    return this.horizon;
  }

  /** Current event time, for handlers. */
  get t(): number {
    return this.clockMs;
  }

  /**
   * Runs the simulation up to time t (epoch ms, exclusive) and returns the events
   * emitted, in non-decreasing time order. A t at or before `now` returns [].
   */
  advanceTo(t: number): CtiEvent[] {
    if (Number.isNaN(t)) throw new RangeError("advanceTo needs a time");
    while (this.events.peekTime() < t) {
      const item = this.events.pop();
      if (item === undefined) break;
      this.clockMs = item.time;
      item.run();
    }
    if (t > this.horizon) this.horizon = t;
    const out = this.out;
    this.out = [];
    return out;
  }

  at(time: number, run: () => void): void {
    this.events.push(Math.max(time, this.clockMs), run);
  }

  emit(event: CtiEvent): void {
    this.out.push(event);
  }

  header(): EnvelopeHeader {
    return { specVersion: SPEC_VERSION, id: this.idRng.uuid(), source: this.config.source, time: this.clockMs, tenantId: this.config.tenantId };
  }

  newChannelId(): string {
    return `${Math.floor(this.clockMs / 1000)}.${this.channelSeq++}`;
  }

  nextLegSeq(): number {
    return this.legSeq++;
  }

  agentFreed(agent: SimAgent): void {
    if (settle(this, agent)) serveNextCaller(this, agent);
  }

  private scheduleArrivals(queue: SimQueue, process: ArrivalProcess, from: number): void {
    const t = process.next(from);
    if (!Number.isFinite(t)) return;
    this.at(t, () => {
      arrive(this, queue);
      this.scheduleArrivals(queue, process, t);
    });
  }

  private scheduleDayPlanner(day: number): void {
    this.at(this.clock.toEpoch(day, 0), () => {
      this.planDay(day + 1);
      this.scheduleDayPlanner(day + 1);
    });
  }

  private planDay(day: number): void {
    for (const agent of this.agents) {
      const plan = planShift(agent.roster, day, this.clock, this.breakRules, this.logonJitterMs, this.scheduleRng);
      if (plan === null || plan.end <= this.startTime) continue;
      const start = Math.max(plan.start, this.startTime);
      const last = agent.lastPlanned;
      if (last !== null && start <= last.end) {
        last.end = Math.max(last.end, plan.end);
      } else {
        const window = { start, end: plan.end };
        agent.lastPlanned = window;
        this.at(start, () => logOn(this, agent, window));
      }
      for (const activity of plan.activities) {
        if (activity.at >= start) this.at(activity.at, () => activityDue(this, agent, activity));
      }
    }
  }
}
