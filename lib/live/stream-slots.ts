import { TooMany } from "@/lib/errors/domain-errors";

/**
 * How many live streams (/api/live/stream) may be open at once: per user, so one
 * person's forgotten tabs (or a script) cannot hold the server's connections, and
 * overall, so the process keeps its memory and file handles.
 *
 * Over the limit the NEW stream is refused (429) rather than the oldest closed.
 * The oldest is usually a wall display that must not go dark because someone
 * opened one more tab, and a closed EventSource reconnects by itself, so evicting
 * would make six tabs take turns knocking each other off. A refused tab shows the
 * server's reason and keeps retrying with backoff (components/wallboard/live-feed.ts),
 * so it gets in once another view closes, or once a connection that died without
 * a goodbye is noticed by the next heartbeat write.
 */
export const LIVE_STREAMS_PER_USER = 5;
export const LIVE_STREAMS_TOTAL = 500;

export class StreamSlots {
  private readonly byUser = new Map<string, number>();
  private open = 0;

  constructor(
    readonly perUser: number,
    readonly total: number,
  ) {}

  get size(): number {
    return this.open;
  }

  /** Takes a slot for this user, or throws TooMany; the function returned gives it back (once, however often called). */
  acquire(userKey: string): () => void {
    const mine = this.byUser.get(userKey) ?? 0;
    if (mine >= this.perUser) {
      throw new TooMany(`you have ${mine} live views open, the most one user may have; close a wallboard tab or window to open another`);
    }
    if (this.open >= this.total) throw new TooMany(`the server is serving its limit of ${this.total} live views; try again shortly`);
    this.byUser.set(userKey, mine + 1);
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      const left = (this.byUser.get(userKey) ?? 1) - 1;
      if (left > 0) this.byUser.set(userKey, left);
      else this.byUser.delete(userKey);
    };
  }
}

/** The process's slots, on globalThis like the live floor (Next.js may load this module in more than one bundle). */
const KEY = Symbol.for("cc-supervisor.live-stream-slots");
type Holder = { [KEY]?: StreamSlots };

export function liveStreamSlots(): StreamSlots {
  const holder = globalThis as Holder;
  holder[KEY] ??= new StreamSlots(LIVE_STREAMS_PER_USER, LIVE_STREAMS_TOTAL);
  return holder[KEY];
}
