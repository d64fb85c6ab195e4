import path from "node:path";
import type { Env } from "@/lib/env";
import { localObjectStore } from "./local-store";
import type { ObjectStore } from "./object-store";
import { s3ObjectStore } from "./s3-store";

/** The store the configuration names: a bucket when RECORDINGS_S3_BUCKET is set, else DATA_DIR/recordings. */
export function openObjectStore(env: Env): ObjectStore {
  if (env.RECORDINGS_S3_BUCKET && env.RECORDINGS_S3_ACCESS_KEY_ID && env.RECORDINGS_S3_SECRET_ACCESS_KEY) {
    return s3ObjectStore({
      bucket: env.RECORDINGS_S3_BUCKET,
      region: env.RECORDINGS_S3_REGION,
      accessKeyId: env.RECORDINGS_S3_ACCESS_KEY_ID,
      secretAccessKey: env.RECORDINGS_S3_SECRET_ACCESS_KEY,
      pathStyle: env.RECORDINGS_S3_PATH_STYLE,
      ...(env.RECORDINGS_S3_ENDPOINT ? { endpoint: env.RECORDINGS_S3_ENDPOINT } : {}),
      ...(env.RECORDINGS_S3_PREFIX ? { prefix: env.RECORDINGS_S3_PREFIX } : {}),
    });
  }
  return localObjectStore(localRecordingsDir(env));
}

/** Where the local store keeps its files. */
export const localRecordingsDir = (env: Pick<Env, "DATA_DIR">): string => path.join(env.DATA_DIR, "recordings");
