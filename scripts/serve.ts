import { assertWebAuthConfig, EnvError, getEnv } from "../lib/env";
import { runProductionServer } from "../server/http-server";

/**
 * Serves an app already built (`next build`), without npm start's build check: what the
 * Docker image runs. Not `next start`, which cannot take the monitoring relay's
 * WebSocket (server/http-server.ts).
 */
async function main(): Promise<void> {
  let env;
  try {
    env = getEnv();
    assertWebAuthConfig(env);
  } catch (e) {
    console.error(e instanceof EnvError ? e.message : e);
    process.exit(1);
  }
  await runProductionServer(env.PORT);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
