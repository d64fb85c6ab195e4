import fs from "node:fs";
import { LineSplitter, type SplitLine } from "./line-splitter";

export type { NumberedLine, RefusedLine, SplitLine } from "./line-splitter";

/**
 * The lines of a queue_log file, numbered from 1 (line-splitter.ts: a line that is not
 * valid UTF-8 or is too long comes as a refused line with its bytes). With `follow`, keeps
 * reading as Asterisk appends, like `tail -F`: a file that shrinks or is replaced (log
 * rotation) is read again from its start, with line numbers starting again at 1.
 * A last line without its newline is held back until it is complete. When following,
 * `null` is yielded each time the reader has caught up, so the caller can send what
 * it holds rather than wait for the next line.
 */
export async function* readLines(file: string, opts: { follow: boolean; pollMs?: number; stopped?: () => boolean }): AsyncGenerator<SplitLine | null> {
  const pollMs = opts.pollMs ?? 500;
  let position = 0;
  let inode = fs.statSync(file).ino;
  let splitter = new LineSplitter();
  for (;;) {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st && (st.ino !== inode || st.size < position)) {
      inode = st.ino;
      position = 0;
      splitter = new LineSplitter();
    }
    if (st && st.size > position) {
      const fd = fs.openSync(file, "r");
      try {
        const buffer = Buffer.alloc(Math.min(st.size - position, 8 * 1024 * 1024));
        const read = fs.readSync(fd, buffer, 0, buffer.length, position);
        position += read;
        for (const line of splitter.push(buffer.subarray(0, read))) yield line;
      } finally {
        fs.closeSync(fd);
      }
      continue;
    }
    if (!opts.follow || opts.stopped?.()) break;
    yield null;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  const last = splitter.end();
  if (last) yield last;
}
