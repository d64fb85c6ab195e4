/**
 * Binary min-heap of scheduled actions ordered by time, then by insertion order.
 * The insertion tie-break makes same-millisecond actions run in the order they
 * were scheduled, which is what keeps a seeded run reproducible.
 */
export interface Scheduled {
  readonly time: number;
  readonly seq: number;
  readonly run: () => void;
}

export class EventQueue {
  private readonly heap: Scheduled[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, run: () => void): void {
    const item: Scheduled = { time, seq: this.seq++, run };
    const h = this.heap;
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (p === undefined || !before(item, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = item;
  }

  /** Time of the earliest action, or +Infinity when empty. */
  peekTime(): number {
    return this.heap[0]?.time ?? Number.POSITIVE_INFINITY;
  }

  pop(): Scheduled | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const left = h[l];
      const right = h[l + 1];
      let child = l;
      let c = left;
      if (right !== undefined && c !== undefined && before(right, c)) {
        child = l + 1;
        c = right;
      }
      if (c === undefined || !before(c, last)) break;
      h[i] = c;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
