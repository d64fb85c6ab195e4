/**
 * One clock for the whole page: a single timer, aligned to the browser's whole
 * seconds, that every ticking counter subscribes to (useSyncExternalStore), so a
 * wallboard with hundreds of counters still wakes once a second and they all
 * change together.
 */
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function schedule(): void {
  timer = setTimeout(
    () => {
      now = Date.now();
      for (const l of listeners) l();
      schedule();
    },
    1000 - (Date.now() % 1000) + 5,
  );
}

export function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

export function clockNow(): number {
  return now;
}
