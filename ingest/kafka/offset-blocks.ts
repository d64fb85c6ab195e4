/**
 * A partition's messages cut into store inserts at fixed offset boundaries: block k holds
 * offsets [k * size, (k + 1) * size). The same offsets always make the same block, however
 * the client happened to batch them (before a crash, after it, on another member after a
 * rebalance), so a redelivered block is the same insert with the same deduplication token,
 * and the store repairs whatever part of it a crash left unwritten (docs/architecture.md,
 * "Exactly once, as the user sees it").
 *
 * The one cut that does not fall on a boundary is the start of a block stored as it is at the
 * end of the partition (nothing more to read). The worker writes such a cut ahead, in the
 * metadata of the offset commit at its start, before storing it; whoever reads the partition
 * from that commit next is handed the cut (`CutAhead`) and makes the same block.
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

/** A block written ahead as [start, end): the offsets in it make one insert, wherever boundaries fall. */
export type CutAhead = { start: bigint; end: bigint };

/**
 * Pure. `messages` are one partition's, in offset order; `lastOffset` is the batch's last
 * offset including records the client does not hand over (transaction markers), so a block
 * whose last offsets are such records is still known to be whole.
 */
export function cutAtBoundaries<M extends { offset: string }>(messages: readonly M[], size: number, lastOffset: bigint, ahead?: CutAhead): BlockCut<M> {
  const step = BigInt(size);
  const endOf = (offset: bigint) => (ahead && offset >= ahead.start && offset < ahead.end ? ahead.end : (offset / step + 1n) * step);
  const blocks: OffsetBlock<M>[] = [];
  let current: M[] = [];
  let end = -1n;
  for (const m of messages) {
    const offset = BigInt(m.offset);
    if (current.length > 0 && offset >= end) {
      // A later offset belongs to a later block: this one is whole (the offsets between are gaps).
      blocks.push({ messages: current, nextOffset: end });
      current = [];
    }
    if (current.length === 0) end = endOf(offset);
    current.push(m);
  }
  if (current.length === 0) return { blocks, tail: [] };
  if (lastOffset >= end - 1n) return { blocks: [...blocks, { messages: current, nextOffset: end }], tail: [] };
  return { blocks, tail: current };
}

const PREFIX = "ccs-cut-ahead:";

/** The commit metadata that writes a cut ahead: the end of the block that starts at the committed offset. */
export function cutAheadMetadata(end: bigint): string {
  return `${PREFIX}${end}`;
}

/** Pure: the cut a commit's metadata writes ahead, if it is one of ours and ends after the committed offset. */
export function parseCutAhead(offset: string, metadata: string | null | undefined): CutAhead | undefined {
  if (!metadata?.startsWith(PREFIX) || !/^\d+$/.test(offset)) return undefined;
  const end = metadata.slice(PREFIX.length);
  if (!/^\d+$/.test(end)) return undefined;
  const cut = { start: BigInt(offset), end: BigInt(end) };
  return cut.end > cut.start ? cut : undefined;
}
