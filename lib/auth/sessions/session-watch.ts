import { can, type Capability } from "../roles";
import type { SessionUser } from "../session-user";
import { SESSION_RECHECK_MS } from "./session-limits";

/** `scope`: the scope the stream was opened with, as JSON; a stream filtered by an old scope must end (the browser reconnects with the new one). */
type Watch = { sessionId: string; userId: string; capability: Capability; scope: string; end: AbortController };
const scopeKey = (user: SessionUser) => JSON.stringify(user.scope ?? null);

export type WatcherDeps = {
  resolve: (sessionId: string, userId: string) => Promise<SessionUser | null>;
  /** Calls back when this process changed a session or the users; answers the unsubscribe. */
  subscribe: (listener: () => void) => () => void;
  intervalMs?: number;
  onError?: (e: unknown) => void;
};

/**
 * Ends long requests (event streams) whose session no longer allows them: signed
 * out, revoked, the user removed or disabled, or the role changed to one without
 * the capability. This process's own changes are pushed (`subscribe`); changes
 * made elsewhere (another web server, a hand edit of the users file) are found by
 * re-checking every open stream's session together every `intervalMs` (the
 * registry reads all of them in one query).
 */
export class SessionWatcher {
  private readonly watches = new Set<Watch>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: WatcherDeps) {}

  /** A signal that aborts when `signal` does or when the session stops allowing `capability`. */
  watch(user: SessionUser, capability: Capability, signal: AbortSignal): AbortSignal {
    // A request already gone (its client left while the session was looked up) needs no watching: its abort will not fire again.
    if (!user.sessionId || signal.aborted) return signal;
    const w: Watch = { sessionId: user.sessionId, userId: user.id, capability, scope: scopeKey(user), end: new AbortController() };
    const stop = () => this.remove(w);
    signal.addEventListener("abort", stop, { once: true });
    w.end.signal.addEventListener("abort", () => signal.removeEventListener("abort", stop), { once: true });
    this.watches.add(w);
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.deps.intervalMs ?? SESSION_RECHECK_MS);
      this.timer.unref?.();
      this.unsubscribe = this.deps.subscribe(() => void this.check());
    }
    return AbortSignal.any([signal, w.end.signal]);
  }

  get size(): number {
    return this.watches.size;
  }

  /** Re-checks every open stream now (coalesced: a check asked for while one runs runs once more after it). */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.checkAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.check();
      }
    });
    return this.running;
  }

  private async checkAll(): Promise<void> {
    await Promise.all(
      [...this.watches].map(async (w) => {
        try {
          const user = await this.deps.resolve(w.sessionId, w.userId);
          if (!user || !can(user.role, w.capability) || scopeKey(user) !== w.scope) this.remove(w, true);
        } catch (e) {
          // The store is unreachable: the stream stays; the next check decides.
          this.deps.onError?.(e);
        }
      }),
    );
  }

  private remove(w: Watch, end = false): void {
    if (!this.watches.delete(w)) return;
    if (end) w.end.abort();
    if (this.watches.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }
}
