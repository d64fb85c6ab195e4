import { execFile } from "node:child_process";
import path from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { s3ObjectStore, type S3StoreConfig } from "@/lib/recordings/storage/s3-store";

/**
 * A real SeaweedFS S3 gateway for tests (never a fake). With RECORDINGS_S3_ENDPOINT
 * and RECORDINGS_S3_BUCKET set (and the keys), those are used; otherwise this
 * checkout's server is started through `infra/seaweedfs/seaweedfs.sh up`
 * (idempotent, locked against concurrent callers; .ci/run starts it before the
 * tests, so there it is already up) and left running for the next run, as the
 * Kafka broker is. The first start on a machine builds `weed`, which takes minutes.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "infra", "seaweedfs", "seaweedfs.sh");

/** Long enough for the first build of weed on a loaded 2-core machine. */
export const SEAWEEDFS_START_TIMEOUT_MS = 40 * 60_000;

function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "bash",
      [SCRIPT, ...args],
      { cwd: ROOT, env: { ...process.env, SEAWEEDFS_UP_BY_TESTS: "1" }, timeout: SEAWEEDFS_START_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`seaweedfs.sh ${args.join(" ")} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

let config: Promise<S3StoreConfig> | undefined;

/** A bucket on a running S3 server, created if missing, with a prefix of its own for this test process. */
export function seaweedfsBucket(): Promise<S3StoreConfig> {
  config ??= (async () => {
    const e = process.env;
    let settings: Record<string, string | undefined> = e;
    if (!(e.RECORDINGS_S3_ENDPOINT && e.RECORDINGS_S3_BUCKET && e.RECORDINGS_S3_ACCESS_KEY_ID && e.RECORDINGS_S3_SECRET_ACCESS_KEY)) {
      await runScript(["up"]);
      settings = Object.fromEntries(
        (await runScript(["env"]))
          .trim()
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    }
    const c: S3StoreConfig = {
      endpoint: settings.RECORDINGS_S3_ENDPOINT as string,
      bucket: settings.RECORDINGS_S3_BUCKET as string,
      region: "us-east-1",
      accessKeyId: settings.RECORDINGS_S3_ACCESS_KEY_ID as string,
      secretAccessKey: settings.RECORDINGS_S3_SECRET_ACCESS_KEY as string,
      pathStyle: true,
      prefix: `test-${process.pid}-${Date.now()}/`,
    };
    try {
      await s3ObjectStore(c).client.send(new CreateBucketCommand({ Bucket: c.bucket }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw error;
    }
    return c;
  })();
  return config;
}
