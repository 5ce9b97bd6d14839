/**
 * `./run-local --port 0 --fake-datadog --unseal-key` for the live tests: started from the
 * repository root on a free 127.0.0.1 port (it builds the Java server with Maven on first use),
 * ready once it has written its env file (QS_URL, QS_API_KEY, QS_UNSEAL_API_KEY), stopped with
 * its process group. Its output goes to a log file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, PACKAGE_ROOT } from "./paths.js";

export interface LocalServer {
  readonly env: Readonly<Record<string, string>>;
  readonly log: string;
  stop(): Promise<void>;
}

/** How long the first start may take (a cold Maven build of the server). */
const READY_TIMEOUT_MS = 15 * 60 * 1000;

export async function startLocalServer(): Promise<LocalServer> {
  const dir = mkdtempSync(join(tmpdir(), "qs-ts-run-local-"));
  const envFile = join(dir, "local.env");
  const logDir = process.env["QS_LOG_DIR"] ?? join(PACKAGE_ROOT, "build");
  const log = join(logDir, "typescript-run-local.log");
  const out = openSync(log, "w");
  const child: ChildProcess = spawn(
    join(REPO_ROOT, "run-local"),
    ["--port", "0", "--fake-datadog", "--unseal-key", "--data-dir", join(dir, "data"), "--env-file", envFile],
    { cwd: REPO_ROOT, detached: true, stdio: ["ignore", out, out] },
  );
  let exited: number | null | undefined;
  child.on("exit", (code) => {
    exited = code;
  });
  const started = Date.now();
  while (!(existsSync(envFile) && statSync(envFile).size > 0)) {
    if (exited !== undefined) {
      throw new Error(`run-local exited (${String(exited)}) before it was ready; see ${log}`);
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      kill(child);
      throw new Error(`run-local was not ready after ${READY_TIMEOUT_MS / 1000} s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(envFile, "utf8").split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m !== null) {
      env[m[1]!] = m[2]!;
    }
  }
  return {
    env,
    log,
    async stop() {
      if (exited === undefined) {
        const done = new Promise((r) => child.once("exit", r));
        kill(child);
        await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function kill(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) {
      process.kill(-child.pid, "SIGTERM");
    }
  } catch {
    // already gone
  }
}
