/**
 * A partition's messages cut into store inserts at fixed offset boundaries: block k holds
 * offsets [k * size, (k + 1) * size). The same offsets always make the same block, however
 * the client happened to batch them (before a crash, after it, on another member after a
 * rebalance), so a redelivered block is the same insert with the same deduplication token,
 * and the store repairs whatever part of it a crash left unwritten (docs/architecture.md,
 * "Exactly once, as the user sees it").
 */
export type OffsetBlock<M> = {
  messages: M[];
  /** The offset to commit once the block is stored: the first one after it. */
  nextOffset: bigint;
};

export type BlockCut<M> = {
  /** Blocks the batch holds whole: every offset up to the block's end has been read. */
  blocks: OffsetBlock<M>[];
  /** Messages of a block the batch holds only the start of (empty if none). */
  tail: M[];
};

/**
 * Pure. `messages` are one partition's, in offset order; `lastOffset` is the batch's last
 * offset including records the client does not hand over (transaction markers), so a block
 * whose last offsets are such records is still known to be whole.
 */
export function cutAtBoundaries<M extends { offset: string }>(messages: readonly M[], size: number, lastOffset: bigint): BlockCut<M> {
  const step = BigInt(size);
  const blocks: OffsetBlock<M>[] = [];
  let current: M[] = [];
  let index = -1n;
  for (const m of messages) {
    const k = BigInt(m.offset) / step;
    if (current.length > 0 && k !== index) {
      // A later offset belongs to a later block: this one is whole (the offsets between are gaps).
      blocks.push({ messages: current, nextOffset: (index + 1n) * step });
      current = [];
    }
    index = k;
    current.push(m);
  }
  if (current.length === 0) return { blocks, tail: [] };
  const end = (index + 1n) * step;
  if (lastOffset >= end - 1n) blocks.push({ messages: current, nextOffset: end });
  else return { blocks, tail: current };
  return { blocks, tail: [] };
}
