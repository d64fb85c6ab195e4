import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { checkKey, type ObjectStore } from "./object-store";

export type S3StoreConfig = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (http://host/bucket/key), as SeaweedFS and MinIO want by default; else in the host name, as AWS wants. */
  pathStyle: boolean;
  /** Put before every key, so one bucket can hold several products or tenants. */
  prefix?: string;
};

/**
 * Objects in an S3-compatible bucket (AWS S3, SeaweedFS, MinIO, Ceph...). A range
 * read is a ranged GET whose body is handed on as it arrives.
 */
export function s3ObjectStore(c: S3StoreConfig): ObjectStore & { client: S3Client } {
  const client = new S3Client({
    region: c.region,
    forcePathStyle: c.pathStyle,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
  });
  const Bucket = c.bucket;
  const name = (key: string) => `${c.prefix ?? ""}${checkKey(key)}`;
  return {
    kind: "s3",
    client,
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: name(key), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
    },
    async head(key) {
      try {
        const r = await client.send(new HeadObjectCommand({ Bucket, Key: name(key) }));
        return { size: r.ContentLength ?? 0 };
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
    async get(key, range, signal) {
      const r = await client.send(new GetObjectCommand({ Bucket, Key: name(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }), {
        abortSignal: signal,
      });
      if (!r.Body) throw new Error(`object store: no body for ${key}`);
      return r.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: name(key) }));
    },
  };
}

function missing(e: unknown): boolean {
  if (e instanceof NoSuchKey || e instanceof NotFound) return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404;
}
