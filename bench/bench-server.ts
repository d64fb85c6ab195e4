import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { Page } from "playwright";

/**
 * The product as `npm start` runs it, for the browser benches: started on a port
 * with a data directory and the e2e simulator's busy, flat day, and ready once
 * /api/health answers.
 */
export async function startBenchServer(port: number, dataDir: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const server = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SIM_SEED: "7", SIM_CONFIG: "config/simulator.e2e.json", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let waited = 0; waited < 900_000; waited += 1_000) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error("the server did not start");
}

/** Signs `page` in as the demo user of `role` (DATA_DIR/demo-sign-ins.json) through the sign-in form. */
export async function signInAs(page: Page, base: string, dataDir: string, role: string): Promise<void> {
  const all = JSON.parse(fs.readFileSync(`${dataDir}/demo-sign-ins.json`, "utf8")) as { username: string; password: string; role: string }[];
  const user = all.find((s) => s.role === role);
  if (!user) throw new Error(`no demo ${role} in ${dataDir}/demo-sign-ins.json`);
  await page.goto(`${base}/signin`);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}
