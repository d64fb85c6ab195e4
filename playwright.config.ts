import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium; no downloaded browser)
 * against the real product: `npm start` on a fresh embedded data directory with a
 * few simulated days of history.
 */
// Overridable so two checkouts on one machine can run their e2e suites side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? "./data-e2e";
/** Below a simulated day's contacts (about 4,700 with SIM_CONFIG below) and above one queue's, so a whole day's CSV is cut and the tests see how. */
export const E2E_EXPORT_MAX_ROWS = 3000;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    screenshot: "on",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Monitoring (e2e/monitor.spec.ts): a fake microphone (a beeping tone), allowed without a prompt, and audio that plays without a gesture.
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && npm start`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: E2E_DATA_DIR,
      SIM_BACKFILL_DAYS: "3",
      // Recorded history costs most of the start-up backfill (docs/recordings.md); one day gives the specs their calls.
      SIM_RECORDING_DAYS: "1",
      SIM_SEED: "7",
      // A flat, busy day with agents round the clock: the wallboard tests need new calls whatever the hour.
      SIM_CONFIG: "config/simulator.e2e.json",
      EXPORT_MAX_ROWS: String(E2E_EXPORT_MAX_ROWS),
      // The centre's clock (README, "Configuration"), while the browsers run in UTC or, in e2e/time-and-urls.spec.ts, New York.
      CENTRE_TIME_ZONE: "Europe/London",
      // No NEXTAUTH_URL: as in a default install, the base URL is inferred from each request (e2e/signin-security.spec.ts).
    },
  },
});
