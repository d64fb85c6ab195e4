import type { PlatformAdapter, PlatformContext } from "../platform/adapter";
import { NO_CAPABILITIES, type PlatformCapabilities } from "@/lib/telephony/capabilities";
import { CommandFailed, type PlatformCommands } from "@/lib/telephony/commands";
import { applyAgentState } from "./agent-commands";
import { bargeAudio } from "@/lib/recordings/simulated/barge-audio";
import { originateCallback } from "./callbacks";
import { SimulatedMonitorSession, type InSimulation, type Party, type PlayToParty } from "./monitor-session";
import { recordingIdOf } from "./recording";
import { closeLeftOpen } from "../platform/close-left-open";
import { catchUp } from "./catch-up";
import type { SimulatorConfig } from "./config";
import { simulatorDirectory } from "./directory";
import { ContactCentreSim } from "./engine";
import { startLiveSimulator, type LiveSimulator } from "./live";
import { resumeFrom, runSeed } from "./resume";
import { DEFAULT_CHUNK_MS } from "./simulate-range";

/** A supervisor's microphone frame as a party heard it, `atMs` after the leg's answer. */
export type HeardFrame = { party: Party; frame: Int16Array; atMs: number };

export interface SimulatedPbxOptions {
  /** The centre, its tenant id included. */
  config: SimulatorConfig;
  /** Mixed with the start time (runSeed), so a restart never re-issues an earlier run's event ids. */
  seed: number;
  /** How far back a first start fills; a restart fills only the gap since the last stored event, up to this. */
  backfillMs: number;
  /**
   * Calls answered this long before the start's wall clock and later are recorded (when
   * behaviours.recordings is on); older history has none, as if recording began then. A
   * recorded day costs about five times a plain day to fill (its transcript's words are most
   * of the bytes), so recording a whole month of history would make the first start several
   * times as slow; the last few days keep it under twice (npm run bench:backfill-recordings).
   * Default: all of it.
   */
  recordingHistoryMs?: number;
  /** Events per history delivery (at least; see catchUp). 1: each simulated step on its own. */
  batchSize?: number;
  /** Simulated time per engine step while catching up. */
  chunkMs?: number;
  tickMs?: number;
  now?: () => number;
}

/**
 * The simulator dressed as a PBX behind the same PlatformAdapter boundary as a
 * real platform: events carry Asterisk-style channel uniqueids (callId = caller
 * channel, a separate channel per agent leg, raw.uniqueid/linkedid), so
 * everything downstream is exercised exactly as with a real Asterisk.
 *
 * start() lists the queues and agents, resumes after the last stored event (at
 * most `backfillMs` ago), delivers the history up to now in whole batches, then
 * follows the wall clock with the same engine. It resolves once live.
 */
export class SimulatedPbx implements PlatformAdapter {
  readonly name: string;
  readonly timeZone: string;
  readonly capabilities: PlatformCapabilities = {
    ...NO_CAPABILITIES,
    setAgentState: true,
    originateCallback: true,
    callbackFirst: ["agent", "supervisor"],
    monitorModes: ["listen", "whisper", "barge"],
    monitorNotices: true,
  };
  readonly commands: PlatformCommands = {
    setAgentState: (command, signal) => this.inSimulation(signal, (sim) => applyAgentState(sim, command)),
    originateCallback: (command, signal) => this.inSimulation(signal, (sim) => originateCallback(sim, command)),
    startMonitor: (request, signal) =>
      this.inSimulation(signal, (sim) => {
        const leg = sim.liveLegs.ofCall(request.callId);
        if (!leg) throw new CommandFailed("no_such_call", `no call "${request.callId}" is in conversation with an agent on this PBX`);
        const inSim: InSimulation = (s, run) => this.inSimulation(s, () => run());
        const session = new SimulatedMonitorSession(sim, leg, request, inSim, this.now, this.playToParty);
        this.sessions.add(session);
        void session.ended.then(() => this.sessions.delete(session));
        return session;
      }),
  };
  private live: LiveSimulator | undefined;
  private sim: ContactCentreSim | undefined;
  private readonly sessions = new Set<SimulatedMonitorSession>();
  private readonly ears = new Map<string, Set<(heard: HeardFrame) => void>>();
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly now: () => number;

  constructor(private readonly opts: SimulatedPbxOptions) {
    this.now = opts.now ?? Date.now;
    this.name = `simulated-pbx(${opts.config.source})`;
    this.timeZone = opts.config.timeZone;
  }

  /**
   * What the parties of a call hear of supervisors, frame by frame: the test-visible tap a
   * real PBX has in its channel spies. Returns the function that stops listening.
   */
  hear(callId: string, listener: (heard: HeardFrame) => void): () => void {
    let set = this.ears.get(callId);
    if (!set) this.ears.set(callId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.ears.delete(callId);
    };
  }

  /** A supervisor's frame reaches a party; said in barge, the caller hears it, so the call's recording holds it (on the agent's side, who spoke with them). */
  private readonly playToParty: PlayToParty = (leg, party, frame, atMs) => {
    if (party === "caller") bargeAudio().add(recordingIdOf(leg.legId), { atMs, samples: frame });
    for (const l of this.ears.get(leg.callId) ?? []) l({ party, frame, atMs });
  };

  start(ctx: PlatformContext): Promise<void> {
    if (this.running || this.live) return Promise.reject(new Error(`${this.name} is already started`));
    this.stopping = false;
    this.running = this.run(ctx).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // Its failure is start()'s to report; stopping only waits for the batch in flight.
    await this.running?.catch(() => undefined);
    const live = this.live;
    this.live = undefined;
    this.sim = undefined;
    for (const s of this.sessions) s.close();
    await live?.stop();
  }

  /**
   * Runs a command inside the simulation at its current time, between two ticks, as a
   * PBX applies an AMI action between two events; resolves once the tick has run it,
   * so its events are on their way when the caller hears back. Nothing runs after the
   * caller gave up (the deadline's signal).
   */
  private inSimulation<T>(signal: AbortSignal, run: (sim: ContactCentreSim) => T): Promise<T> {
    const sim = this.sim;
    const live = this.live;
    if (!sim || !live) return Promise.reject(new CommandFailed("unreachable", `${this.name} is not live yet (still filling its history)`));
    return new Promise<T>((resolve, reject) => {
      sim.at(sim.now, () => {
        if (signal.aborted) return;
        try {
          resolve(run(sim));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      // A person is waiting: run it now rather than at the next tick (up to tickMs later).
      live.nudge();
    });
  }

  /**
   * A PBX that restarts drops its calls and logs its agents off; the simulated one does the same
   * for whatever its previous run (killed, or stopped mid-call) left open, at `at`
   * (ingest/platform/close-left-open.ts). Only this simulator's own events (its source) are closed.
   */
  private async closeLeftOpen(ctx: PlatformContext, at: number): Promise<void> {
    if (!ctx.recentEvents) return;
    const { tenantId, source } = this.opts.config;
    const closing = closeLeftOpen(await ctx.recentEvents(at, source), at, { tenantId, source });
    if (closing.length === 0) return;
    await ctx.events.history(closing);
    const count = (type: string) => closing.filter((e) => e.type === type).length;
    ctx.log(
      `restart: closed what the previous run left open at ${new Date(at).toISOString()}: ${count("call.cleared")} call(s) cleared (cause pbx_restart), ` +
        `${count("call.connection_cleared")} in conversation, ${count("call.queue_exited")} queued, ${count("agent.logged_off")} agent(s) logged off`,
    );
  }

  private async run(ctx: PlatformContext): Promise<void> {
    const { config, seed, backfillMs } = this.opts;
    const tickMs = this.opts.tickMs ?? 200;
    await ctx.directory(simulatorDirectory(config));
    const target = this.now();
    const storedUntil = await ctx.storedUntil();
    // The previous run ended just after its last stored event: what it left open closes there, before this run starts.
    const restartAt = storedUntil + 1;
    if (storedUntil > 0) await this.closeLeftOpen(ctx, restartAt);
    const from = Math.max(resumeFrom(storedUntil, target, backfillMs), storedUntil > 0 ? restartAt : 0);
    const recordFrom = this.opts.recordingHistoryMs === undefined ? undefined : target - this.opts.recordingHistoryMs;
    const sim = new ContactCentreSim(config, { seed: runSeed(seed, from), startTime: from, ...(recordFrom === undefined ? {} : { recordFrom }) });

    ctx.backfill.started(from, target);
    const events = await catchUp(sim, {
      now: this.now,
      batchSize: this.opts.batchSize ?? 1,
      chunkMs: this.opts.chunkMs ?? DEFAULT_CHUNK_MS,
      slackMs: tickMs,
      deliver: (batch) => ctx.events.history(batch),
      onBatch: (reached, to, delivered) => ctx.backfill.advanced(reached, to, delivered),
      stopped: () => this.stopping,
    });
    if (this.stopping) return;
    ctx.backfill.finished(events);
    this.sim = sim;
    this.live = startLiveSimulator({
      sim,
      onEvents: (batch) => ctx.events.live(batch),
      tickMs,
      now: this.now,
      onError: (e) => ctx.log(`live events not delivered: ${(e as Error).message}`),
    });
  }
}
