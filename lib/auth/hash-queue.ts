import { TooMany } from "@/lib/errors/domain-errors";
/** The queue in front of password hashing is full: the caller should say "busy, retry" at once. */
/** A domain error (429, "retry") so an admin saving a password while sign-ins are busy is told so, not given a 500. */
export class HashQueueFull extends TooMany {
  constructor() {
    super("password checks are queued to capacity; retry in a moment");
    this.name = "HashQueueFull";
  }
}

/**
 * Runs at most `concurrency` tasks at a time, with at most `maxWaiting` waiting
 * behind them; a task offered to a full queue is refused at once (HashQueueFull)
 * rather than queued without bound. Tasks start in the order they were offered.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new HashQueueFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/**
 * scrypt (N=16384, r=8) takes a core for tens of milliseconds and 16 MB; run
 * unbounded, 60 parallel sign-ins took both cores and the dashboards slowed to
 * seconds. One at a time, with 16 waiting (about a second's worth), keeps the
 * rest of the server responsive; the 17th concurrent attempt is told to retry.
 */
export const HASH_CONCURRENCY = 1;
export const HASH_MAX_WAITING = 16;

const KEY = Symbol.for("cc-supervisor.hash-queue");
type Holder = { [KEY]?: BoundedQueue };

/** The process's one hashing queue (kept on globalThis: Next.js may load this module more than once). */
export function hashQueue(): BoundedQueue {
  const holder = globalThis as Holder;
  holder[KEY] ??= new BoundedQueue(HASH_CONCURRENCY, HASH_MAX_WAITING);
  return holder[KEY];
}
