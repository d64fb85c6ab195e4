import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "@/lib/store/data-dir";
import { checkKey, type ByteRange, type ObjectStore } from "./object-store";

/**
 * Objects as files under one directory (DATA_DIR/recordings by default), owner
 * only like everything in DATA_DIR. A put writes a temporary file beside the
 * target and renames it over, so a reader (or a crash) sees the old object or the
 * new one, never part of one.
 */
/** The file that holds a key under `root`: for a process on the same machine that reads files, not bytes (the speech worker). */
export function localObjectPath(root: string, key: string): string {
  return path.join(root, ...checkKey(key).split("/"));
}

export function localObjectStore(root: string): ObjectStore {
  const file = (key: string) => localObjectPath(root, key);
  return {
    kind: "local",
    async put(key, bytes) {
      const target = file(key);
      await fsp.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        const handle = await fsp.open(temp, "wx", PRIVATE_FILE_MODE);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fsp.rename(temp, target);
      } catch (e) {
        await fsp.rm(temp, { force: true });
        throw e;
      }
    },
    async head(key) {
      try {
        const s = await fsp.stat(file(key));
        return s.isFile() ? { size: s.size } : null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async get(key, range?: ByteRange, signal?: AbortSignal) {
      // Opened first so a missing file fails here, not half-way through a response.
      const handle = await fsp.open(file(key), "r");
      const stream = handle.createReadStream({ autoClose: true, ...(range ? { start: range.start, end: range.end } : {}) });
      // A response the server drops when its browser goes away is never read to the end nor cancelled;
      // destroying the stream closes the file (autoClose) there and then.
      if (signal?.aborted) stream.destroy();
      else signal?.addEventListener("abort", () => stream.destroy(), { once: true });
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await fsp.rm(file(key), { force: true });
    },
  };
}
