import { describe, expect, it } from "vitest";
import { cutAheadMetadata, cutAtBoundaries, parseCutAhead } from "@/ingest/kafka/offset-blocks";

type Msg = { offset: string };
const msgs = (offsets: readonly number[]): Msg[] => offsets.map((o) => ({ offset: String(o) }));
const offsetsOf = (m: readonly Msg[]) => m.map((x) => Number(x.offset));

/** A deterministic stream of pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Reads a partition the way the worker does: from `start`, batches of random length; whole
 * blocks are stored and committed, a partial block after them goes on with the next batch
 * (the worker holds it; reading it again with the next is the same), and a partial block is
 * stored as it is only at the end of the partition. Returns each stored insert's offsets.
 */
function consume(partition: readonly number[], size: number, start: number, random: () => number): number[][] {
  const stored: number[][] = [];
  const end = partition[partition.length - 1] as number;
  let position = start;
  for (let guard = 0; guard < 100_000; guard++) {
    const rest = partition.filter((o) => o >= position);
    if (rest.length === 0) return stored;
    const batch = rest.slice(0, 1 + Math.floor(random() * Math.min(rest.length, size * 3)));
    const last = batch[batch.length - 1] as number;
    const cut = cutAtBoundaries(msgs(batch), size, BigInt(last));
    if (cut.blocks.length > 0) {
      for (const b of cut.blocks) stored.push(offsetsOf(b.messages));
      position = Number(cut.blocks[cut.blocks.length - 1]?.nextOffset);
    } else if (last === end) {
      stored.push(offsetsOf(cut.tail));
      position = last + 1;
    }
  }
  throw new Error("did not finish");
}

/** The oracle: the partition's offsets grouped by offset / size, computed without the cutter. */
function groups(partition: readonly number[], size: number, from = 0): number[][] {
  const byBlock = new Map<number, number[]>();
  for (const o of partition) if (o >= from) byBlock.set(Math.floor(o / size), [...(byBlock.get(Math.floor(o / size)) ?? []), o]);
  return [...byBlock.values()];
}

describe("cutAtBoundaries", () => {
  it("cuts at multiples of the size, and keeps the start of a block the batch does not hold to its end", () => {
    const cut = cutAtBoundaries(msgs([8, 9, 10, 11, 19, 20, 21]), 10, 21n);
    expect(cut.blocks.map((b) => [offsetsOf(b.messages), b.nextOffset])).toEqual([
      [[8, 9], 10n],
      [[10, 11, 19], 20n],
    ]);
    expect(offsetsOf(cut.tail)).toEqual([20, 21]);
  });

  it("takes a block as whole when the batch's last offset (a transaction marker the client hides) reaches its end", () => {
    expect(cutAtBoundaries(msgs([10, 11, 17]), 10, 18n).tail).toHaveLength(3);
    const whole = cutAtBoundaries(msgs([10, 11, 17]), 10, 19n);
    expect(whole.tail).toEqual([]);
    expect(whole.blocks.map((b) => b.nextOffset)).toEqual([20n]);
  });

  it("makes the same blocks from the same offsets, whatever the batch sizes, from a start or a committed offset", () => {
    const random = rng(7);
    // A partition with gaps (compacted or transactional offsets), 5,000 offsets long.
    const partition = Array.from({ length: 5_000 }, (_, i) => i).filter(() => random() > 0.1);
    for (const size of [1, 7, 100, 512]) {
      const expected = groups(partition, size);
      for (let run = 0; run < 5; run++) expect(consume(partition, size, 0, random)).toEqual(expected);
      // Restarted from a committed offset (always the end of a stored block): the rest is cut the same.
      const committed = Math.ceil(2_000 / size) * size;
      expect(consume(partition, size, committed, random)).toEqual(groups(partition, size, committed));
    }
  });

  it("makes a cut written ahead into one block, whatever the batches, and goes on at the boundaries after it", () => {
    const random = rng(11);
    const partition = Array.from({ length: 600 }, (_, i) => i).filter(() => random() > 0.1);
    const ahead = { start: 200n, end: 237n };
    // The oracle: the offsets in [200, 237), then the rest grouped by offset / size.
    const first = partition.filter((o) => o >= 200 && o < 237);
    const expected = [first, ...groups(partition, 100, 237)];
    for (let run = 0; run < 20; run++) {
      const stored: number[][] = [];
      let position = 200;
      let held: Msg[] = [];
      while (position <= (partition[partition.length - 1] as number)) {
        const rest = partition.filter((o) => o >= position);
        const batch = rest.slice(0, 1 + Math.floor(random() * 150));
        const last = batch[batch.length - 1] as number;
        const cut = cutAtBoundaries([...held, ...msgs(batch)], 100, BigInt(last), ahead);
        for (const b of cut.blocks) stored.push(offsetsOf(b.messages));
        held = cut.tail;
        position = last + 1;
        if (position > (partition[partition.length - 1] as number) && held.length > 0) stored.push(offsetsOf(held));
      }
      expect(stored).toEqual(expected);
    }
  });

  it("reads back only its own cut-ahead metadata, ending after the committed offset", () => {
    expect(parseCutAhead("1000", cutAheadMetadata(1250n))).toEqual({ start: 1000n, end: 1250n });
    expect(parseCutAhead("1000", null)).toBeUndefined();
    expect(parseCutAhead("1000", "")).toBeUndefined();
    expect(parseCutAhead("1000", "some other tool's note")).toBeUndefined();
    expect(parseCutAhead("1000", cutAheadMetadata(1000n))).toBeUndefined();
    expect(parseCutAhead("1000", "ccs-cut-ahead:12x")).toBeUndefined();
  });
});
