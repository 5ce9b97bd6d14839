// ./run-local --port 0 --fake-datadog --unseal-key for the console's browser test: started from
// the repository root on a free 127.0.0.1 port, ready once it has written its env file (QS_URL,
// QS_API_KEY, QS_UNSEAL_API_KEY), stopped with its process group. Its output goes to a log file.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const READY_TIMEOUT_MS = 15 * 60 * 1000;

export async function startLocalRun(repoRoot, logFile, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), "qs-console-run-local-"));
  const envFile = join(dir, "local.env");
  const out = openSync(logFile, "w");
  const child = spawn(
    join(repoRoot, "run-local"),
    ["--port", "0", "--fake-datadog", "--unseal-key", "--data-dir", join(dir, "data"), "--env-file", envFile, ...extraArgs],
    { cwd: repoRoot, detached: true, stdio: ["ignore", out, out] },
  );
  let exited;
  child.on("exit", (code) => (exited = code));
  const started = Date.now();
  while (!(existsSync(envFile) && statSync(envFile).size > 0)) {
    if (exited !== undefined) throw new Error(`run-local exited (${exited}) before it was ready; see ${logFile}`);
    if (Date.now() - started > READY_TIMEOUT_MS) {
      kill(child);
      throw new Error(`run-local was not ready after ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const env = {};
  for (const line of readFileSync(envFile, "utf8").split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m !== null) env[m[1]] = m[2];
  }
  return {
    env,
    log: () => readFileSync(logFile, "utf8"),
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

function kill(child) {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
