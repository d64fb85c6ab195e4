/**
 * Where recording audio and peaks are kept: a local directory (the embedded
 * default) or an S3-compatible bucket. Four operations are all the product needs,
 * so either store is small and a test can run the same checks against both. Keys
 * are the product's own (keys.ts) and never leave the server.
 */
export type ObjectStore = {
  /** "local" or "s3": stored in recording_media.storage, so a row says which store holds its objects. */
  readonly kind: StorageKind;
  /** Stores the whole object; a reader never sees half of it (temp + rename locally, one PUT on S3). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's size, or null when there is no such object. */
  head(key: string): Promise<{ size: number } | null>;
  /**
   * Bytes start..end inclusive (the whole object without a range), streamed: nothing buffers a whole file.
   * `signal` ends the read when the listener goes (a seek drops the range it was reading): the file or
   * connection is closed then, not when the stream is garbage-collected.
   */
  get(key: string, range?: ByteRange, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** Removes the object; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
};

export type StorageKind = "local" | "s3";

/** Inclusive byte positions, as HTTP Range says them. */
export type ByteRange = { start: number; end: number };

/** The product's keys: path-safe segments of letters, digits, dot, dash and underscore, so no key can climb out of its directory. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split("/").some((part) => part === "." || part === "..")) throw new Error(`object store: bad key "${key}"`);
  return key;
}

/** A whole object read into memory: for the media pipeline's own use (peaks, re-encoding), never for serving. */
export async function readWhole(store: ObjectStore, key: string): Promise<Uint8Array> {
  return collectBytes((await store.get(key)) as unknown as AsyncIterable<Uint8Array>);
}

/** A stream's chunks as one array; past `max` bytes, `tooBig` is thrown without reading further. */
export async function collectBytes(chunks: AsyncIterable<Uint8Array>, max = Number.POSITIVE_INFINITY, tooBig?: () => Error): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > max) throw tooBig?.() ?? new Error(`more than ${max} bytes`);
    parts.push(chunk);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
