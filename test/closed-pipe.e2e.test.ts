/**
 * `openclaw … | head`: a reader that leaves stdout early ends the CLI quietly, with no stack trace and exit
 * 0; a closed stderr only drops diagnostics, and the command still does its work and says how it went.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI_ENTRY, REPO_ROOT } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const state = useTempState({ beforeEach, afterEach });

/** A config whose provider lists enough models that the table is far larger than a pipe's buffer. */
function writeBigConfig(): void {
  const models = Array.from({ length: 20_000 }, (_, index) => ({ id: `model-${index}`, name: `Model ${index}` }));
  mkdirSync(state().stateDir, { recursive: true });
  writeFileSync(state().configPath, JSON.stringify({ models: { providers: { local: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions", models } } } }));
}

/** Runs the CLI, reads its first piece of output, then closes the pipe the way `head` does. */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...state().env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let first = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8");
      child.stdout.destroy();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no exit after the pipe closed; stderr: ${stderr}`));
    }, 20_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, first, stderr });
    });
  });
}

/** Runs the CLI with stderr a pipe whose reader is already gone; its exit code. */
function runWithClosedStderr(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...state().env, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.destroy();
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("no exit with stderr closed"));
    }, 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe("output into a pipe that closes early", () => {
  it("models list stops quietly with exit 0", async () => {
    writeBigConfig();
    const result = await runAndCloseEarly(["models", "list", "--provider", "local"]);
    expect(result.first).toMatch(/^MODEL\s+NAME/);
    expect(result.stderr).toBe("");
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });

  it("a closed stderr does not stop onboarding before it writes, nor turn a failure into exit 0", async () => {
    // onboarding prints a note on stderr before it writes the config.
    expect(await runWithClosedStderr(["onboard", "--non-interactive"])).toBe(0);
    expect(existsSync(state().configPath)).toBe(true);
    expect(await runWithClosedStderr(["models", "list", "--provider", "no-such-provider"])).toBe(1);
  });
});
