/**
 * Data reliability: N-way concurrent writers and writers killed at random points, for the config and the auth
 * store, with counts asserted (0 lost, 0 corrupt). Writers are real processes: a bundled worker that takes
 * onboarding's write path (stale read, change re-applied under the lock), and the built CLI itself.
 * Figures are in docs/reliability.md ("Data").
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ENTRY, REPO_ROOT, runCli } from "../helpers/run-cli.js";
import { useTempState } from "../helpers/temp-state.js";
import { seededRandom } from "./seeded-random.js";

let bundleDir: string;
let worker: string;
beforeAll(async () => {
  bundleDir = mkdtempSync(path.join(os.tmpdir(), "openclaw-data-worker-"));
  worker = path.join(bundleDir, "data-worker.mjs");
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ["test/reliability/data-worker.ts"],
    outfile: worker,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    logLevel: "error",
  });
}, 60_000);
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

const state = useTempState({ beforeEach, afterEach }, { prefix: "openclaw-data-" });

type Run = { code: number | null; signal: NodeJS.Signals | null; acks: number[]; stderr: string };

function startWorker(id: number, count: number): { done: Promise<Run>; kill: () => void; acked: () => number } {
  const child = spawn(process.execPath, [worker, String(id), String(count)], {
    env: { PATH: process.env.PATH ?? "", ...state().env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acks: number[] = [];
  let stderr = "";
  let buffer = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("ack ")) acks.push(Number(line.slice(4)));
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<Run>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, acks, stderr })));
  return { done, kill: () => child.kill("SIGKILL"), acked: () => acks.length };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

function configProfiles(): Record<string, unknown> {
  return ((readJson(state().configPath).auth as { profiles?: Record<string, unknown> } | undefined)?.profiles ?? {}) as Record<string, unknown>;
}

function storeProfiles(): Record<string, { key?: string }> {
  return readJson(state().authStorePath).profiles as Record<string, { key?: string }>;
}

function leftovers(): string[] {
  const names = [state().stateDir, state().agentDir].flatMap((dir) => (existsSync(dir) ? readdirSync(dir) : []));
  return names.filter((name) => name.endsWith(".tmp") || name.endsWith(".lock"));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a worker to make progress");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("N-way concurrency", () => {
  it("20 writers at once, 2 rounds: 0 entries lost in the config or the store, 0 failures", async () => {
    const writers = 20;
    for (let round = 0; round < 2; round += 1) {
      const runs = await Promise.all(Array.from({ length: writers }, (_, index) => startWorker(round * writers + index, 1).done));
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
    }
    const expected = Array.from({ length: 2 * writers }, (_, index) => `w${index}-0:default`).sort();
    expect(Object.keys(configProfiles()).sort()).toEqual(expected);
    expect(Object.keys(storeProfiles()).sort()).toEqual(expected);
    expect(leftovers()).toEqual([]);
  }, 120_000);
});

describe("kill at random points", () => {
  it("3 writers SIGKILLed at seeded random moments, 6 trials: every acknowledged entry kept, 0 corrupt files", async () => {
    const random = seededRandom(1101);
    let killed = 0;
    for (let trial = 0; trial < 6; trial += 1) {
      const workers = Array.from({ length: 3 }, (_, index) => startWorker(trial * 3 + index, 10_000));
      // Let them get past any stale lock from the previous trial, then kill at a random point.
      await waitFor(() => workers.some((w) => w.acked() > 0), 30_000);
      await new Promise((resolve) => setTimeout(resolve, random.int(0, 120)));
      for (const w of workers) w.kill();
      const runs = await Promise.all(workers.map((w) => w.done));
      killed += runs.filter((run) => run.signal === "SIGKILL").length;

      const config = configProfiles();
      const store = storeProfiles();
      runs.forEach((run, index) => {
        const id = trial * 3 + index;
        for (const i of run.acks) {
          expect(config[`w${id}-${i}:default`], `config entry w${id}-${i} (trial ${trial})`).toBeDefined();
          expect(store[`w${id}-${i}:default`]?.key).toBe(`k-${id}-${i}`);
        }
      });
    }
    expect(killed).toBeGreaterThan(0);
    // The next writer recovers: stale locks are taken over, temp files from killed writers removed.
    const after = await startWorker(999, 1).done;
    expect(after.code, after.stderr).toBe(0);
    expect(leftovers()).toEqual([]);
  }, 180_000);

  it("onboarding killed at 12 seeded random moments never corrupts a file, and one re-run puts config and store back in step", async () => {
    const random = seededRandom(1102);
    expect((await runCli(["onboard", "--non-interactive", "--openrouter-api-key", "sk-or-keep"], { env: state().env })).code).toBe(0);
    for (let trial = 0; trial < 12; trial += 1) {
      const child = spawn(process.execPath, [CLI_ENTRY, "onboard", "--non-interactive", "--kilocode-api-key", `sk-kilo-${trial}`], {
        env: { PATH: process.env.PATH ?? "", ...state().env },
        stdio: "ignore",
      });
      const closed = new Promise((resolve) => child.on("close", resolve));
      await new Promise((resolve) => setTimeout(resolve, random.int(20, 600)));
      child.kill("SIGKILL");
      await closed;
      for (const file of [state().configPath, state().authStorePath]) expect(() => readJson(file), `${file}, trial ${trial}`).not.toThrow();
      expect(storeProfiles()["openrouter:default"]?.key).toBe("sk-or-keep");
      expect(configProfiles()["openrouter:default"]).toBeDefined();
    }
    const heal = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "sk-kilo-final"], { env: state().env, timeoutMs: 60_000 });
    expect(heal.code, heal.stderr).toBe(0);
    expect(configProfiles()["kilocode:default"]).toBeDefined();
    expect(storeProfiles()["kilocode:default"]?.key).toBe("sk-kilo-final");
    expect(leftovers()).toEqual([]);
  }, 180_000);
});
