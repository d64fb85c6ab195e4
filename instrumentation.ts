/**
 * Next.js calls register() once in the server process before it serves requests.
 * The embedded shape runs the store, ingest pipeline and simulator in this same
 * process (libchdb binds one data directory per process); see docs/architecture.md.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv, EnvError, assertWebAuthConfig } = await import("./lib/env");
  try {
    const env = getEnv();
    assertWebAuthConfig(env);
    const { startRuntime } = await import("./ingest/embedded-runtime");
    await startRuntime(env);
  } catch (e) {
    // A server that cannot reach its store or has a bad setting must not pretend to work.
    console.error(e instanceof EnvError ? e.message : e);
    process.exit(1);
  }
}
