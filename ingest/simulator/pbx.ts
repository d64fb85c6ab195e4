import type { EventSink, PlatformAdapter } from "../platform";
import type { SimulatorConfig } from "./config";
import { ContactCentreSim } from "./engine";
import { startLiveSimulator, type LiveSimulator } from "./live";
import { DEFAULT_CHUNK_MS } from "./simulate-range";

export interface SimulatedPbxOptions {
  /** The engine. It may start in the past: start() first replays the gap up to now. */
  sim: ContactCentreSim;
  tickMs?: number;
  now?: () => number;
  /** Simulated time per catch-up batch. */
  catchUpChunkMs?: number;
  /** Called after each catch-up batch, e.g. to log backfill progress. */
  onProgress?: (simTime: number, target: number) => void;
  onError?: (error: unknown) => void;
}

/**
 * The simulator dressed as a PBX behind the same PlatformAdapter boundary as a
 * real platform: events carry Asterisk-style channel uniqueids (callId = caller
 * channel, a separate channel per agent leg, raw.uniqueid/linkedid), so
 * everything downstream is exercised exactly as with a real Asterisk.
 *
 * start() catches up from the engine's time to now in chunks, awaiting the sink
 * after each (a 30-day backfill streams in, bounded memory), then follows the
 * wall clock. It resolves once live ticking has begun.
 */
export class SimulatedPbx implements PlatformAdapter {
  readonly name: string;
  private live: LiveSimulator | undefined;
  private starting = false;
  private stopping = false;
  private readonly sim: ContactCentreSim;
  private readonly now: () => number;

  constructor(private readonly opts: SimulatedPbxOptions) {
    this.sim = opts.sim;
    this.now = opts.now ?? Date.now;
    this.name = `simulated-pbx(${opts.sim.config.source})`;
  }

  static fromConfig(config: SimulatorConfig, seed: number, startTime: number, opts: Omit<SimulatedPbxOptions, "sim"> = {}): SimulatedPbx {
    return new SimulatedPbx({ ...opts, sim: new ContactCentreSim(config, { seed, startTime }) });
  }

  get engine(): ContactCentreSim {
    return this.sim;
  }

  async start(sink: EventSink): Promise<void> {
    if (this.starting || this.live) throw new Error(`${this.name} is already started`);
    this.starting = true;
    this.stopping = false;
    try {
      const chunk = this.opts.catchUpChunkMs ?? DEFAULT_CHUNK_MS;
      const tickMs = this.opts.tickMs ?? 200;
      while (!this.stopping) {
        const target = this.now();
        if (target - this.sim.now <= tickMs) break;
        const events = this.sim.advanceTo(Math.min(target, this.sim.now + chunk));
        if (events.length > 0) await sink(events);
        this.opts.onProgress?.(this.sim.now, target);
        // Let timers and I/O (the web server sharing this process) run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (this.stopping) return;
      this.live = startLiveSimulator({ sim: this.sim, onEvents: sink, tickMs, now: this.now, onError: this.opts.onError });
    } finally {
      this.starting = false;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const live = this.live;
    this.live = undefined;
    await live?.stop();
  }
}
