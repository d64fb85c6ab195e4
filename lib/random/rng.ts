/**
 * Seeded randomness for the simulator. Everything the simulator does derives from
 * these generators, so one seed reproduces a whole month of events bit for bit.
 * Math.random is never used: it cannot be seeded.
 */

/** 32-bit FNV-1a over the parts, so named sub-streams get unrelated seeds. */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = `${String(part)}\u0000`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** SplitMix32 step: spreads a small seed over xoshiro's 128-bit state (an all-zero state would be stuck). */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

/**
 * xoshiro128**: fast (a few ns per draw in V8, pure 32-bit integer ops), small
 * state, and good statistical quality for simulation (not for cryptography).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller yields normals in pairs; the spare one is kept for the next call. */
  private spareNormal: number | undefined;

  constructor(seed: number) {
    const st = { s: seed >>> 0 };
    this.a = splitMix32(st);
    this.b = splitMix32(st);
    this.c = splitMix32(st);
    this.d = splitMix32(st);
  }

  /** An independent stream for one purpose (arrivals of one queue, event ids, ...). */
  static derive(seed: number, label: string): Rng {
    return new Rng(hashSeed(seed, label));
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Exponential with the given mean; 1 - u keeps the log argument in (0, 1]. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal by Box-Muller. */
  normal(): number {
    const spare = this.spareNormal;
    if (spare !== undefined) {
      this.spareNormal = undefined;
      return spare;
    }
    const u1 = 1 - this.next();
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Lognormal from the parameters of the underlying normal. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Poisson-distributed count (Knuth for small means, normal approximation above). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** RFC 4122 version-4 UUID built from this stream, so event ids are reproducible. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = (this.nextUint32() & 0xffff0fff) | 0x00004000; // version nibble = 4
    const w2 = (this.nextUint32() & 0x3fffffff) | 0x80000000; // variant bits = 10
    const w3 = this.nextUint32();
    return hex8(w0) + "-" + hex4(w1 >>> 16) + "-" + hex4(w1 & 0xffff) + "-" + hex4(w2 >>> 16) + "-" + hex4(w2 & 0xffff) + hex8(w3);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hexByte(b: number): string {
  return HEX[b & 0xff] ?? "00";
}

function hex4(x: number): string {
  return hexByte(x >>> 8) + hexByte(x);
}

function hex8(x: number): string {
  return hex4(x >>> 16) + hex4(x & 0xffff);
}

/** mu/sigma of the underlying normal for a lognormal with the given mean and standard deviation. */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Next event of a homogeneous Poisson process with `rate` events per time unit, after `from`. */
export function nextPoissonTime(rng: Rng, from: number, rate: number): number {
  return rate > 0 ? from + rng.exponential(1 / rate) : Number.POSITIVE_INFINITY;
}

/**
 * Next event after `from` of a non-homogeneous Poisson process by thinning
 * (Lewis-Shedler): candidates at the bounding rate, each kept with probability
 * rate(t)/maxRate. `rateAt` must never exceed `maxRate`. Gives up at `horizon`
 * (returns +Infinity) so a rate that is zero for ever cannot loop for ever.
 */
export function nextThinnedTime(rng: Rng, from: number, maxRate: number, rateAt: (t: number) => number, horizon: number = from + 366 * 86_400_000): number {
  if (!(maxRate > 0)) return Number.POSITIVE_INFINITY;
  let t = from;
  for (;;) {
    t += rng.exponential(1 / maxRate);
    if (t >= horizon) return Number.POSITIVE_INFINITY;
    if (rng.next() * maxRate < rateAt(t)) return t;
  }
}
