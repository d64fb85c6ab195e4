import { assertWebAuthConfig, EnvError, getEnv } from "./lib/env";
import { stampPeerAddresses } from "./server/peer-address";
import { startRuntime } from "./server/runtime";

/**
 * The server process's start-up (Node.js runtime only; kept out of instrumentation.ts
 * so the Edge bundle never sees Node APIs). The embedded shape runs the store, ingest
 * pipeline and simulator in this same process (libchdb binds one data directory per
 * process); see docs/architecture.md.
 */
export async function startServerRuntime(): Promise<void> {
  try {
    const env = getEnv();
    assertWebAuthConfig(env);
    // Before the first request: the sign-in throttle counts clients by their socket's address.
    stampPeerAddresses();
    await startRuntime(env);
  } catch (e) {
    // A server that cannot reach its store or has a bad setting must not pretend to work.
    console.error(e instanceof EnvError ? e.message : e);
    process.exit(1);
  }
}
