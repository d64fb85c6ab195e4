import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole, type ObjectStore } from "@/lib/recordings/storage/object-store";
import { s3ObjectStore } from "@/lib/recordings/storage/s3-store";
import { serveObject } from "@/lib/recordings/media/serve-object";
import { SEAWEEDFS_START_TIMEOUT_MS, seaweedfsBucket } from "../helpers/seaweedfs";

/**
 * The same checks against both stores: the local directory, and S3 on a real
 * SeaweedFS. Bytes are compared with what was put, so a store that drops, shifts
 * or pads a range fails.
 */
const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7 + 3) % 251);

async function text(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function storeChecks(name: string, open: () => ObjectStore) {
  describe(`${name} object store`, () => {
    it("puts, sizes, reads whole and by inclusive ranges, and deletes", async () => {
      const store = open();
      const key = "ab/cdef/audio-v1.webm";
      await store.put(key, bytes, "audio/webm");
      expect(await store.head(key)).toEqual({ size: bytes.length });
      expect(await readWhole(store, key)).toEqual(bytes);
      expect(await text(await store.get(key, { start: 0, end: 0 }))).toEqual(bytes.subarray(0, 1));
      expect(await text(await store.get(key, { start: 1000, end: 65_535 + 1000 }))).toEqual(bytes.subarray(1000, 66_536));
      expect(await text(await store.get(key, { start: 99_990, end: 99_999 }))).toEqual(bytes.subarray(99_990));
      await store.delete(key);
      expect(await store.head(key)).toBeNull();
      await store.delete(key); // again: no error
    });
    it("replaces an object whole", async () => {
      const store = open();
      await store.put("x/y.json", new TextEncoder().encode("first, longer content"), "application/json");
      await store.put("x/y.json", new TextEncoder().encode("second"), "application/json");
      expect(new TextDecoder().decode(await readWhole(store, "x/y.json"))).toBe("second");
    });
    it("says null for a missing object and refuses keys that could climb out", async () => {
      const store = open();
      expect(await store.head("no/such.webm")).toBeNull();
      for (const key of ["../etc/passwd", "a/../../b", "/abs", "a//b", "a b", ""]) await expect(store.put(key, bytes, "x")).rejects.toThrow(/bad key/);
    });
  });
}

const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-objects-"));
storeChecks("local", () => localObjectStore(localRoot));

describe("local object store files", () => {
  it("are the owner's only and leave no temporary file behind", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-objects-"));
    const store = localObjectStore(path.join(root, "recordings"));
    await store.put("aa/bb/audio-v1.webm", bytes, "audio/webm");
    const file = path.join(root, "recordings", "aa", "bb", "audio-v1.webm");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["audio-v1.webm"]);
  });
});

/** This process's open descriptors on one file, read from Linux's /proc: the check does not trust the store. */
function openDescriptorsOn(file: string): number {
  return fs.readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed between the listing and the look
    }
  }).length;
}

describe("a local read whose listener goes away", () => {
  it("closes its file when the request's signal aborts, read or not", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-objects-"));
    const store = localObjectStore(root);
    await store.put("aa/audio-v1.webm", bytes, "audio/webm");
    const file = fs.realpathSync(path.join(root, "aa", "audio-v1.webm"));
    const listener = new AbortController();
    const untouched = await store.get("aa/audio-v1.webm", { start: 0, end: 99_999 }, listener.signal);
    const halfRead = await store.get("aa/audio-v1.webm", undefined, listener.signal);
    await halfRead.getReader().read();
    expect(openDescriptorsOn(file)).toBe(2);
    listener.abort();
    await expect.poll(() => openDescriptorsOn(file)).toBe(0);
    expect(untouched.locked).toBe(false); // nobody had read it: only the signal could close it
  });
});

let s3: ObjectStore;
describe("S3 on SeaweedFS", () => {
  beforeAll(async () => {
    s3 = s3ObjectStore(await seaweedfsBucket());
  }, SEAWEEDFS_START_TIMEOUT_MS);
  storeChecks("s3", () => s3);
  it("answers a playback's range reads from the bucket: 206 with exactly the bytes, 416 past the end", async () => {
    await s3.put("served/audio-v1.webm", bytes, "audio/webm");
    const object = { key: "served/audio-v1.webm", size: bytes.length, contentType: "audio/webm", tag: "t" };
    const r = await serveObject(s3, object, new Headers({ range: "bytes=4096-8191" }));
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe(`bytes 4096-8191/${bytes.length}`);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(bytes.subarray(4096, 8192));
    expect((await serveObject(s3, object, new Headers({ range: `bytes=${bytes.length}-` }))).status).toBe(416);
  });
});
