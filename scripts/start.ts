import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runProductionServer, webEnvOrExit } from "../server/http-server";

/**
 * `npm start`: check the configuration, build the app if the sources changed since
 * the last build (so the quickstart is two commands on a fresh clone), then serve it
 * in this process (server/http-server.ts: Next's handler plus the monitoring relay's
 * WebSocket, which `next start` cannot take): the web server, and through
 * instrumentation.ts the store, ingest pipeline and simulator.
 */
const root = process.cwd();
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "ingest",
  "sql",
  "config",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "server",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
];
const stampFile = path.join(root, ".next", "source-fingerprint");

function fingerprint(): string {
  const hash = createHash("sha256");
  const walk = (p: string): void => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f));
    else hash.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const input of BUILD_INPUTS) walk(path.join(root, input));
  return hash.digest("hex");
}

async function main(): Promise<void> {
  const env = webEnvOrExit();
  const print = fingerprint();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === print;
  if (!built) {
    console.log("Building the app (first start, or the sources changed)…");
    const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
    fs.writeFileSync(stampFile, print);
  }
  await runProductionServer(env.PORT);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
