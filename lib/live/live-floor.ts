import type { CtiEvent } from "@/lib/events";
import { diffViews } from "./patch";
import { DEFAULT_MAX_FUTURE_MS } from "@/lib/events/future-time";
import { admitLive, NOTHING_IGNORED, type IgnoredLive } from "./live-admission";
import { applyEvents, tickFloor } from "./reducer";
import { emptyFloor, type FloorState } from "./state";
import type { ThresholdSettings } from "./thresholds";
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from "./alert-settings";
import { windowEdgePassed } from "./sl-windows";
import { buildView, EMPTY_DIRECTORY, type Directory } from "./view";
import type { WallboardMessage, WallboardView } from "./view-types";

/** Gets each message and its JSON text (serialised once for all subscribers). */
export type FloorListener = (message: WallboardMessage, json: string) => void;

export type LiveFloorOptions = {
  timeZone: string;
  now?: () => number;
  /** Changes are coalesced: at most one message per this many ms (6-7 per second). */
  minIntervalMs?: number;
  /** How often time alone is applied (a new local day, stale entries). */
  tickMs?: number;
  /** Live events dated further ahead of now() are ignored (INGEST_MAX_FUTURE_MS; live-admission.ts). */
  maxFutureMs?: number;
};

/**
 * The server's one live floor: the reducer's state, fed by `apply(events)` from
 * whatever carries the live stream (the in-process pipeline today, a Kafka
 * consumer of the web server later), and pushed to subscribers (SSE connections)
 * as a full view on connect, then coalesced patches. Until the start-up snapshot
 * is installed, live events are held back and subscribers wait, so nobody sees a
 * half-built floor.
 */
export class LiveFloor {
  readonly timeZone: string;
  private state: FloorState;
  private directory: Directory = EMPTY_DIRECTORY;
  private thresholds: ThresholdSettings = new Map();
  private alertSettings: AlertSettings = DEFAULT_ALERT_SETTINGS;
  private view: WallboardView | undefined;
  private version = 0;
  private dirty = true;
  private held: CtiEvent[][] | undefined = [];
  private readonly listeners = new Set<FloorListener>();
  private readonly waitingForSnapshot = new Set<FloorListener>();
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  private readonly tickTimer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  private readonly stopHooks: (() => void)[] = [];
  private readonly maxFutureMs: number;
  private ignoredLive: IgnoredLive = NOTHING_IGNORED;

  constructor(options: LiveFloorOptions) {
    this.timeZone = options.timeZone;
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? 150;
    this.maxFutureMs = options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
    this.state = emptyFloor(options.timeZone, this.now());
    this.tickTimer = setInterval(() => this.tick(), options.tickMs ?? 5_000);
    this.tickTimer.unref();
  }

  get ready(): boolean {
    return this.held === undefined;
  }

  get subscribers(): number {
    return this.listeners.size + this.waitingForSnapshot.size;
  }

  /** Live events the floor did not take, by the wall clock (live-admission.ts); /api/health shows them. */
  get ignored(): IgnoredLive {
    return this.ignoredLive;
  }

  /**
   * The seam for every live source. Events may repeat or arrive late; the reducer copes. Events
   * dated too far ahead, or before the floor's window, are ignored (live-admission.ts).
   */
  apply(incoming: readonly CtiEvent[]): void {
    const { admitted: events, ignored } = admitLive(incoming, this.now(), this.timeZone, this.maxFutureMs, this.ignoredLive);
    this.ignoredLive = ignored;
    if (events.length === 0) return;
    if (this.held) {
      this.held.push([...events]);
      return;
    }
    this.setState(applyEvents(this.state, events));
  }

  /**
   * Installs the floor rebuilt from the store, then the live events that arrived
   * while it was read (without those the store already returned), and releases
   * the waiting subscribers.
   */
  loadSnapshot(loaded: readonly CtiEvent[]): void {
    // The start-up read takes everything stored since the window began, so also events dated ahead that were
    // stored before INGEST_MAX_FUTURE_MS existed: one of them dated 2100 would be "today" (live-admission.ts).
    const latest = this.now() + this.maxFutureMs;
    const events = loaded.filter((e) => e.time <= latest);
    if (events.length < loaded.length) this.ignoredLive = { ...this.ignoredLive, future: this.ignoredLive.future + loaded.length - events.length };
    const stored = new Set(events.map((e) => e.id));
    let s = applyEvents(this.state, events);
    for (const batch of this.held ?? [])
      s = applyEvents(
        s,
        batch.filter((e) => !stored.has(e.id)),
      );
    this.held = undefined;
    this.setState(tickFloor(s, this.now()));
    this.flushNow();
    for (const listener of this.waitingForSnapshot) this.addWithSnapshot(listener);
    this.waitingForSnapshot.clear();
  }

  setDirectory(directory: Directory): void {
    this.directory = directory;
    this.markDirty();
  }

  setThresholds(thresholds: ThresholdSettings): void {
    this.thresholds = thresholds;
    this.markDirty();
  }

  setAlertSettings(settings: AlertSettings): void {
    this.alertSettings = settings;
    this.markDirty();
  }

  /** Sends the full view now (or once the snapshot is in), then every change. Returns the unsubscribe. */
  subscribe(listener: FloorListener): () => void {
    if (this.ready) this.addWithSnapshot(listener);
    else this.waitingForSnapshot.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.waitingForSnapshot.delete(listener);
    };
  }

  /** The current view, built now if anything changed (tests, benchmarks, diagnostics). */
  currentView(): WallboardView {
    this.flushNow();
    if (!this.view) throw new Error("no view yet");
    return this.view;
  }

  floorState(): FloorState {
    return this.state;
  }

  onStop(hook: () => void): void {
    this.stopHooks.push(hook);
  }

  stop(): void {
    clearInterval(this.tickTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.listeners.clear();
    this.waitingForSnapshot.clear();
    for (const hook of this.stopHooks) hook();
  }

  private addWithSnapshot(listener: FloorListener): void {
    this.flushNow();
    this.listeners.add(listener);
    if (!this.view) return;
    // A quiet floor's last view may be old: its serverTime must be fresh for the browser's clock correction.
    const message: WallboardMessage = { event: "snapshot", data: { ...this.view, meta: { ...this.view.meta, serverTime: this.now() } } };
    send(listener, message, JSON.stringify(message.data));
  }

  private tick(): void {
    if (!this.ready) return;
    const before = this.state;
    const next = tickFloor(before, this.now());
    this.state = next;
    // A new day, forgotten entries, or an exit leaving a 15/30/60-minute window are news; the advancing clock alone is not.
    const material =
      next.day !== before.day ||
      next.agents !== before.agents ||
      next.calls !== before.calls ||
      next.waiting !== before.waiting ||
      windowEdgePassed(next.today, before.now, next.now);
    if (material) this.markDirty();
  }

  private setState(next: FloorState): void {
    if (next === this.state) return;
    this.state = next;
    this.markDirty();
  }

  private markDirty(): void {
    this.dirty = true;
    if (!this.ready || this.listeners.size === 0 || this.flushTimer) return;
    const wait = Math.max(0, this.lastFlushAt + this.minIntervalMs - this.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushNow();
    }, wait);
  }

  /** Builds the view if anything changed and sends the difference to every subscriber. */
  private flushNow(): void {
    if (!this.ready || (!this.dirty && this.view)) return;
    const before = this.view;
    this.version += 1;
    const after = buildView(this.state, this.directory, this.thresholds, {
      version: this.version,
      serverTime: this.now(),
      replay: false,
      alertSettings: this.alertSettings,
    });
    this.view = after;
    this.dirty = false;
    this.lastFlushAt = this.now();
    if (!before || this.listeners.size === 0) return;
    const message: WallboardMessage = { event: "patch", data: diffViews(before, after) };
    const json = JSON.stringify(message.data);
    for (const listener of this.listeners) send(listener, message, json);
  }
}

function send(listener: FloorListener, message: WallboardMessage, json: string): void {
  try {
    listener(message, json);
  } catch (e) {
    // One broken connection must not stop the others; the SSE layer unsubscribes it.
    console.error("live floor: a subscriber failed", e);
  }
}
