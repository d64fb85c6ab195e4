import { applyPatch, PatchMismatch } from "@/lib/live/patch";
import type { WallboardPatch, WallboardView } from "@/lib/live/view-types";

export type FeedStatus = "connecting" | "live" | "reconnecting";

export type FeedState = {
  status: FeedStatus;
  view: WallboardView | null;
  /** Server clock minus browser clock (ms), from the latest message: ticking counters use the server's time. */
  clockOffset: number;
  /** Browser time of the latest message, and of the moment the connection was lost. */
  lastMessageAt: number | null;
  downSince: number | null;
  /** Why the server refused the stream (signed out, no live floor), when it did. */
  problem: string | null;
};

const INITIAL: FeedState = { status: "connecting", view: null, clockOffset: 0, lastMessageAt: null, downSince: null, problem: null };
const MAX_RETRY_MS = 10_000;
/** Network jitter moves the measured offset by milliseconds; counters are in seconds, so ignore small changes. */
const OFFSET_STEP_MS = 250;

/**
 * The browser end of /api/live/stream, outside React: one EventSource, the view
 * it maintains (snapshot, then patches), and the connection status. EventSource
 * reconnects by itself after a network error; after a refusal (an HTTP error
 * closes it for good) or a patch that does not fit, this opens a new one with
 * backoff. Every new connection begins with a full snapshot, so the view recovers
 * completely. Subscribe with useSyncExternalStore.
 */
export class LiveFeed {
  private state: FeedState = INITIAL;
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = 1000;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly url: string) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): FeedState => this.state;

  start(): void {
    if (this.source || this.retryTimer) return;
    this.open();
  }

  stop(): void {
    this.source?.close();
    this.source = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private open(): void {
    this.retryTimer = null;
    const es = new EventSource(this.url);
    this.source = es;
    es.addEventListener("snapshot", (e) => this.onSnapshot(e));
    es.addEventListener("patch", (e) => this.onPatch(e));
    es.addEventListener("heartbeat", (e) => this.onHeartbeat(e));
    es.addEventListener("error", () => this.onError(es));
  }

  private onSnapshot(e: MessageEvent<string>): void {
    const view = JSON.parse(e.data) as WallboardView;
    this.retryMs = 1000;
    this.set({ status: "live", view, clockOffset: this.offset(view.meta.serverTime), lastMessageAt: Date.now(), downSince: null, problem: null });
  }

  private onPatch(e: MessageEvent<string>): void {
    const patch = JSON.parse(e.data) as WallboardPatch;
    const view = this.state.view;
    if (!view) return;
    try {
      this.set({ ...this.state, view: applyPatch(view, patch), clockOffset: this.offset(patch.meta.serverTime), lastMessageAt: Date.now() });
    } catch (err) {
      if (!(err instanceof PatchMismatch)) throw err;
      // Out of step (should not happen on one ordered stream): start over from a snapshot.
      this.reconnect(0);
    }
  }

  /** Nothing changed, but the server is there: the view is still current (a TV board's stale warning reads lastMessageAt). */
  private onHeartbeat(e: MessageEvent<string>): void {
    if (!this.state.view) return;
    const { serverTime } = JSON.parse(e.data) as { serverTime: number };
    this.set({ ...this.state, clockOffset: this.offset(serverTime), lastMessageAt: Date.now() });
  }

  private onError(es: EventSource): void {
    if (es !== this.source) return;
    this.set({ ...this.state, status: "reconnecting", downSince: this.state.downSince ?? Date.now() });
    // CONNECTING: the browser retries by itself (the server's `retry:`). CLOSED: it gave up (HTTP error); we retry.
    if (es.readyState === EventSource.CLOSED) {
      void this.explainRefusal();
      this.reconnect(this.retryMs);
    }
  }

  /** EventSource does not say why a server refused; one plain request does (its body is not read). */
  private async explainRefusal(): Promise<void> {
    const abort = new AbortController();
    try {
      const res = await fetch(this.url, { signal: abort.signal, headers: { accept: "application/json" }, cache: "no-store" });
      const problem =
        res.status === 401
          ? "Your session has ended: sign in again."
          : res.status === 403
            ? "Your role may not see the wallboard."
            : res.status >= 400
              ? (((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `The server answered ${res.status}.`)
              : null;
      if (this.state.status !== "live") this.set({ ...this.state, problem });
    } catch {
      // Unreachable server: the status already says we are reconnecting.
    } finally {
      abort.abort();
    }
  }

  private reconnect(delay: number): void {
    this.source?.close();
    this.source = null;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private offset(serverTime: number): number {
    const measured = serverTime - Date.now();
    return Math.abs(measured - this.state.clockOffset) < OFFSET_STEP_MS ? this.state.clockOffset : measured;
  }

  private set(next: FeedState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
