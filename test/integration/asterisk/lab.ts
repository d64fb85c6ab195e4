import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * The real Asterisk lab (infra/asterisk) for tests: found running, or started from its cached
 * build, or absent. Test-only and small on purpose: the product's own ARI client is issue 11's.
 * CI builds and starts the lab in .ci/run, so there a missing lab is a failure, not a skip
 * (the same rule as the speech tests' venv).
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "infra", "asterisk", "asterisk.sh");

export type LabEnv = {
  ASTERISK_AMI_HOST: string;
  ASTERISK_AMI_PORT: string;
  ASTERISK_AMI_USER: string;
  ASTERISK_AMI_SECRET: string;
  ASTERISK_ARI_URL: string;
  ASTERISK_ARI_USER: string;
  ASTERISK_ARI_PASSWORD: string;
  ASTERISK_QUEUE_LOG: string;
  ASTERISK_MONITOR_DIR: string;
  /** The spool's recording/ directory: what ARI serves as stored recordings. */
  ASTERISK_RECORDING_DIR: string;
};

function runScript(args: string[], timeoutMs = 5 * 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("bash", [SCRIPT, ...args], { cwd: ROOT, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const parseEnv = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );

/** Whether this machine has the lab's pinned build in its cache (synchronous, for `describe.skipIf`). */
export function labBuilt(): boolean {
  try {
    execFileSync("bash", [SCRIPT, "built"], { cwd: ROOT, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The running lab's settings; starts it (and says so) when it is built but stopped. */
export async function startedLab(): Promise<{ env: LabEnv; startedHere: boolean }> {
  const status = await runScript(["status"]);
  let startedHere = false;
  if (status.code !== 0) {
    const up = await runScript(["up"]);
    if (up.code !== 0) throw new Error(`infra/asterisk/asterisk.sh up failed:\n${up.stderr}`);
    startedHere = true;
  }
  return { env: parseEnv((await runScript(["env"])).stdout) as LabEnv, startedHere };
}

export async function stopLab(): Promise<void> {
  await runScript(["down"]);
}

/** A small ARI client: originate into the lab's dialplan and read channels. */
export function ari(env: LabEnv) {
  const auth = `Basic ${Buffer.from(`${env.ASTERISK_ARI_USER}:${env.ASTERISK_ARI_PASSWORD}`).toString("base64")}`;
  const call = async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${env.ASTERISK_ARI_URL}${pathAndQuery}`, {
      method,
      headers: { authorization: auth, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!r.ok) throw new Error(`ARI ${method} ${pathAndQuery}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  return {
    info: () => call<{ system: { version: string } }>("GET", "/asterisk/info"),
    /** A caller: a Local channel into `number@lab-inbound`, whose other half runs the lab's phone (lab-phone,s,1). */
    originate: (o: { number: string; callerNum: string; variables: Record<string, string> }) =>
      call<{ id: string }>(
        "POST",
        `/channels?${new URLSearchParams({
          endpoint: `Local/${o.number}@lab-inbound`,
          context: "lab-phone",
          extension: "s",
          priority: "1",
          callerId: `Lab caller <${o.callerNum}>`,
          timeout: "30",
        })}`,
        { variables: o.variables },
      ),
    channels: () => call<{ id: string; name: string; state: string }[]>("GET", "/channels"),
    module: (name: string) => call<{ name: string; status: string }>("GET", `/asterisk/modules/${name}`),
  };
}

/** One AMI session: log in, send each action, collect each response (the block up to its blank line); events are skipped. */
export async function amiActions(env: LabEnv, actions: Record<string, string>[]): Promise<Record<string, string>[]> {
  const socket = net.connect(Number(env.ASTERISK_AMI_PORT), env.ASTERISK_AMI_HOST);
  socket.setEncoding("utf8");
  let buffer = "";
  const blocks: Record<string, string>[] = [];
  const waiters: (() => void)[] = [];
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\r\n\r\n"); end >= 0; end = buffer.indexOf("\r\n\r\n")) {
      const block = Object.fromEntries(
        buffer
          .slice(0, end)
          .split("\r\n")
          .filter((l) => l.includes(": "))
          .map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]),
      );
      buffer = buffer.slice(end + 4);
      if (block.Response) blocks.push(block);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const response = async (n: number) => {
    while (blocks.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  try {
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const all = [{ Action: "Login", Username: env.ASTERISK_AMI_USER, Secret: env.ASTERISK_AMI_SECRET }, ...actions];
    for (const [i, a] of all.entries()) {
      socket.write(
        `${Object.entries(a)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join("")}\r\n`,
      );
      await response(i + 1);
    }
    return blocks.slice(1, all.length);
  } finally {
    socket.end();
  }
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes; the last state goes into the error. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** QueueStatus for one member, read with the test's own reader: each QueueMember event's fields. */
export async function amiQueueMembers(env: LabEnv, member: string): Promise<Record<string, string>[]> {
  const socket = net.connect(Number(env.ASTERISK_AMI_PORT), env.ASTERISK_AMI_HOST);
  socket.setEncoding("utf8");
  try {
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    socket.write(
      `Action: Login\r\nUsername: ${env.ASTERISK_AMI_USER}\r\nSecret: ${env.ASTERISK_AMI_SECRET}\r\nEvents: off\r\n\r\nAction: QueueStatus\r\nMember: ${member}\r\nActionID: qs\r\n\r\n`,
    );
    let text = "";
    await new Promise<void>((resolve, reject) => {
      socket.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes("Event: QueueStatusComplete")) resolve();
      });
      socket.once("close", () => reject(new Error(`AMI closed before QueueStatus completed: ${text}`)));
    });
    return text
      .split("\r\n\r\n")
      .filter((b) => b.includes("Event: QueueMember"))
      .map((b) => Object.fromEntries(b.split("\r\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()])));
  } finally {
    socket.end();
  }
}

/**
 * The lab tests share one Asterisk: its three agents, its queue_log and its recording directory.
 * Run side by side (vitest runs files in parallel), one file's calls would take the other's agents
 * and its recordings would land in the other's import. So each lab test file holds the lab for its
 * run: an exclusive lock file beside the lab's state, taken over when its holder's process is gone.
 * Returns the release.
 */
export async function holdLab(timeoutMs = 10 * 60_000): Promise<() => void> {
  const dir = process.env.ASTERISK_WORK_DIR ?? path.join(ROOT, "infra", "asterisk", ".work");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "tests.lock");
  const mine = String(process.pid);
  await waitFor(
    "the other lab test file to finish with the lab",
    () => {
      try {
        fs.writeFileSync(file, mine, { flag: "wx" });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const holder = Number(fs.readFileSync(file, "utf8") || "0");
      if (!alive(holder)) fs.rmSync(file, { force: true });
      return undefined;
    },
    timeoutMs,
  );
  return () => {
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === mine) fs.rmSync(file, { force: true });
  };
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
