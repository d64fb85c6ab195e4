import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listenOperatorSocket } from "@/server/operator-socket";
import { operatorSocketPath, queryOperatorSocket, OperatorSocketUnavailable } from "@/lib/runtime/operator-socket-client";
import { operatorRoutes } from "@/server/operator-routes";
import { IngestPipeline } from "@/ingest/pipeline";
import { testStore } from "../helpers/store";

/** The inodes of this process's listening TCP sockets (IPv4 and IPv6), from /proc. */
function listeningTcpInodes(): Set<string> {
  const mine = new Set(
    fs
      .readdirSync("/proc/self/fd")
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  const listening = ["/proc/self/net/tcp", "/proc/self/net/tcp6"].flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === "0A") // TCP_LISTEN
      .map((cols) => cols[9] ?? ""),
  );
  return new Set(listening.filter((inode) => mine.has(inode)));
}

describe("the operator SQL socket", () => {
  it("listens on a 0600 Unix socket in a 0700 directory, opens no TCP port, and answers or refuses queries", async () => {
    const { ch } = await testStore();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ops-"));
    const before = listeningTcpInodes();
    const socket = await listenOperatorSocket(dataDir, operatorRoutes({ ch, pipeline: new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" }) }));
    try {
      expect(socket.path).toBe(operatorSocketPath(dataDir));
      const st = fs.statSync(socket.path);
      expect(st.isSocket()).toBe(true);
      expect(st.mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(socket.path)).mode & 0o777).toBe(0o700);
      expect([...listeningTcpInodes()].filter((inode) => !before.has(inode))).toEqual([]);

      expect(await queryOperatorSocket(dataDir, "SELECT 1 + 1 AS two")).toEqual([{ two: 2 }]);
      await expect(queryOperatorSocket(dataDir, "SELECT * FROM file('/proc/self/environ', 'RawBLOB')")).rejects.toThrow(/table function file\(\) is not allowed/);
    } finally {
      await socket.close();
    }
    expect(fs.existsSync(socket.path)).toBe(false);
    await expect(queryOperatorSocket(dataDir, "SELECT 1")).rejects.toThrow(OperatorSocketUnavailable);
  });

  it("replaces a socket left by a process that died, and refuses to replace anything else", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ops-"));
    // A process killed before it could remove its socket leaves the file, with nobody listening.
    fs.mkdirSync(path.dirname(operatorSocketPath(dataDir)), { recursive: true, mode: 0o700 });
    execFileSync("python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", operatorSocketPath(dataDir)]);
    expect(fs.statSync(operatorSocketPath(dataDir)).isSocket()).toBe(true);
    await expect(queryOperatorSocket(dataDir, "SELECT 1")).rejects.toThrow(OperatorSocketUnavailable);
    const server = await listenOperatorSocket(dataDir, { "/sql": { maxBodyBytes: 1024, run: async () => ({ rows: [{ ok: 1 }] }) } });
    expect(await queryOperatorSocket(dataDir, "SELECT 1")).toEqual([{ ok: 1 }]);
    await server.close();
    fs.writeFileSync(operatorSocketPath(dataDir), "not a socket");
    await expect(listenOperatorSocket(dataDir, {})).rejects.toThrow(/not a socket/);
  });
});
