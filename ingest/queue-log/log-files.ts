import fs from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { LineSplitter, type SplitLine } from "./line-splitter";

/**
 * Several queue_log files read as one log, for rotated logs (`queue_log`, `queue_log.1`,
 * `queue_log.2.gz`, ...): one mapper must see them in time order, or a call spanning a
 * rotation loses its start (its later lines are "unmatched" and its leg numbers restart).
 *
 * - Arguments may be globs; a wildcard (* ?) is allowed in the file name only, not in
 *   directories (the shell expands the rest; quoting keeps a glob for us).
 * - Files are ordered by their first line's epoch (the name says nothing reliable:
 *   `.1` is older than the live file but newer than `.2`); a file named twice, or two
 *   paths to one file, is read once.
 * - `.gz` files are decompressed as they are read.
 * - Lines that a later file repeats from an earlier one (a copy taken before rotation,
 *   or a file imported under two names) are skipped: see OverlapFilter.
 */

export type LogFile = { file: string; firstEpoch: number };
/** A line of one file, or a refused one (not valid UTF-8, too long: line-splitter.ts) with its bytes. */
export type LogLine = { file: string } & SplitLine;

const WILDCARD = /[*?]/;

/** File arguments (paths or globs) to existing files, in the order given; a glob matching nothing is an error. */
export function expandLogArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(arg);
    if (!WILDCARD.test(path.basename(abs))) {
      if (!fs.existsSync(abs)) throw new Error(`${arg}: no such file`);
      out.push(abs);
      continue;
    }
    const dir = path.dirname(abs);
    const re = globRegExp(path.basename(abs));
    const matches = fs
      .readdirSync(dir)
      .filter((name) => re.test(name))
      .map((name) => path.join(dir, name))
      .filter((p) => fs.statSync(p).isFile());
    if (matches.length === 0) throw new Error(`${arg}: no file matches`);
    out.push(...matches.sort());
  }
  return out;
}

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/** Each distinct file once (by its real path), ordered by its first epoch; files without a dated line go last, by name. */
export async function orderLogFiles(files: readonly string[]): Promise<LogFile[]> {
  const seen = new Set<string>();
  const out: LogFile[] = [];
  for (const file of files) {
    const real = fs.realpathSync(file);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push({ file, firstEpoch: await firstEpoch(file) });
  }
  return out.sort((a, b) => a.firstEpoch - b.firstEpoch || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function firstEpoch(file: string): Promise<number> {
  for await (const next of readLogFile(file)) {
    const epoch = "error" in next ? undefined : lineEpoch(next.line);
    if (epoch !== undefined) return epoch;
  }
  return Number.MAX_SAFE_INTEGER;
}

/** The whole seconds a queue_log line starts with, if it does. */
export function lineEpoch(line: string): number | undefined {
  const m = /^\s*(\d{1,11})(?:\.\d+)?\|/.exec(line);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * One file's lines, numbered from 1, decompressing `.gz`. Split on bytes, as readLines does
 * (line-splitter.ts): a line that is not UTF-8 is refused with its bytes, never decoded with
 * U+FFFD in it, and a line without end is not gathered whole.
 */
export async function* readLogFile(file: string): AsyncGenerator<LogLine> {
  const raw = fs.createReadStream(file);
  const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const splitter = new LineSplitter();
  try {
    for await (const chunk of input) for (const line of splitter.push(chunk as Buffer)) yield { file, ...line };
    const last = splitter.end();
    if (last) yield { file, ...last };
  } finally {
    raw.destroy();
  }
}

/**
 * Drops lines a later file repeats from an earlier one. Pure: fed the files' lines in
 * order. Only the stretch where two files overlap in time can repeat: lines of a file
 * dated at or after the next file's first epoch are remembered (with their occurrence,
 * since Asterisk can write two identical lines in one second), and lines of the next
 * file dated at or before the previous file's last epoch are dropped when remembered.
 */
export class OverlapFilter {
  private remembered = new Map<string, number>();
  private current = new Map<string, number>();
  private previousLast = -1;
  private last = -1;
  private rememberFrom = Number.MAX_SAFE_INTEGER;

  /** A new file starts; `nextFirstEpoch` is the first epoch of the file after it (none: MAX_SAFE_INTEGER). */
  startFile(nextFirstEpoch: number): void {
    this.remembered = this.current;
    this.current = new Map();
    this.previousLast = this.last;
    this.rememberFrom = nextFirstEpoch;
  }

  /** False when the line repeats one of the previous file's (so it was mapped already). */
  keep(line: string): boolean {
    const epoch = lineEpoch(line);
    if (epoch === undefined) return true;
    this.last = Math.max(this.last, epoch);
    const content = line.trim();
    const seen = (this.current.get(content) ?? 0) + 1;
    if (epoch >= this.rememberFrom) this.current.set(content, seen);
    if (epoch > this.previousLast) return true;
    const earlier = this.remembered.get(content) ?? 0;
    if (earlier === 0) return true;
    this.remembered.set(content, earlier - 1);
    return false;
  }
}
