import { runProductionServer, webEnvOrExit } from "../server/http-server";

/**
 * Serves an app already built (`next build`), without npm start's build check: what the
 * Docker image runs. Not `next start`, which cannot take the monitoring relay's
 * WebSocket (server/http-server.ts).
 */
async function main(): Promise<void> {
  await runProductionServer(webEnvOrExit().PORT);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
