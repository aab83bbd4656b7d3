/** Bad files and locks through the built CLI: one `Error:` line naming the file, one `Hint:`, exit 1, no wait, no write. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { useTempState } from "../helpers/temp-state.js";

const state = useTempState({ beforeEach, afterEach }, { prefix: "openclaw-data-errors-", mkdir: ["agentDir"] });

const onboard = (env: Record<string, string> = state().env) => runCli(["onboard", "--non-interactive", "--kilocode-api-key", "sk-new-123"], { env, timeoutMs: 20_000 });

function expectOneLineError(stderr: string, ...parts: string[]): void {
  const errors = stderr.split("\n").filter((line) => line.startsWith("Error: "));
  expect(errors, stderr).toHaveLength(1);
  for (const part of parts) expect(errors[0]).toContain(part);
  expect(stderr).toMatch(/\nHint: .+/);
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe("clear errors, nothing written", () => {
  it("a config nested 5,000 levels deep", async () => {
    const text = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    writeFileSync(state().configPath, text);
    const result = await onboard();
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, state().configPath, "nested more than 200 levels deep");
    expect(readFileSync(state().configPath, "utf8")).toBe(text);
  });

  it("a plain file where the state dir should be (ENOTDIR)", async () => {
    const blocker = path.join(state().root, "state-file");
    writeFileSync(blocker, "");
    const result = await onboard({ HOME: state().home, OPENCLAW_STATE_DIR: blocker });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, `${blocker} is a file, not a directory`);
  });

  it("a lock from the future and a plain-file lock fail at once, not after a long wait", async () => {
    writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles: {} }), { mode: 0o600 });
    const lock = `${state().authStorePath}.lock`;
    mkdirSync(lock);
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(lock, future, future);
    let started = Date.now();
    let result = await onboard();
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, lock, "dated in the future");
    expect(result.stderr).not.toContain("another openclaw process");
    expect(existsSync(state().configPath)).toBe(false);

    execFileSync("rm", ["-r", lock]);
    writeFileSync(lock, "");
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    started = Date.now();
    result = await onboard();
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, lock, "plain file that names no process");
    expect(existsSync(state().configPath)).toBe(false);
  });

  it("a FIFO at the config path or the store path is refused instead of read forever", async () => {
    execFileSync("mkfifo", [state().configPath]);
    let result = await onboard();
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, state().configPath, "FIFO");
    execFileSync("rm", [state().configPath]);
    execFileSync("mkfifo", [state().authStorePath]);
    result = await runCli(["models", "status"], { env: state().env, timeoutMs: 20_000 });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, state().authStorePath, "FIFO");
  });

  it("a symlinked openclaw.json is refused and its target left as it was", async () => {
    const real = path.join(state().root, "dotfiles.json");
    writeFileSync(real, '{ "gateway": { "port": 1 } }');
    execFileSync("ln", ["-s", real, state().configPath]);
    const result = await onboard();
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, `Refusing to write ${state().configPath}: it is a symbolic link`);
    expect(readFileSync(real, "utf8")).toBe('{ "gateway": { "port": 1 } }');
    expect(existsSync(state().authStorePath)).toBe(false);
  });
});

describe("warnings, not refusals", () => {
  it("an unset ${VAR} in a section this CLI does not read: onboarding succeeds and keeps the reference", async () => {
    writeFileSync(
      state().configPath,
      JSON.stringify({ channels: { slack: { botToken: "${SLACK_BOT_TOKEN_UNSET}" } }, gateway: { port: "${GW_PORT_UNSET}", auth: { mode: "token", token: "${GW_TOKEN_UNSET}" } } }),
    );
    const result = await onboard();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Warning: Env var "SLACK_BOT_TOKEN_UNSET" is not set (referenced at channels.slack.botToken');
    const written = JSON.parse(readFileSync(state().configPath, "utf8"));
    expect(written.channels.slack.botToken).toBe("${SLACK_BOT_TOKEN_UNSET}");
    expect(written.gateway.port).toBe("${GW_PORT_UNSET}");
    expect(written.gateway.auth.token).toBe("${GW_TOKEN_UNSET}");
  });

  it("`key: 123` in the store: a warning naming the profile and file, then a fixable error, and onboarding replaces it", async () => {
    writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: 123 } }, extra: true }), { mode: 0o600 });
    const status = await runCli(["models", "status"], { env: state().env });
    expect(status.stderr).toContain(`Warning: Ignoring auth profile "kilocode:default" in ${state().authStorePath}: "key" must be a string.`);
    expect(status.stderr).not.toContain("is not a function");
    const result = await onboard();
    expect(result.code, result.stderr).toBe(0);
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"].key).toBe("sk-new-123");
    expect(store.extra).toBe(true);
  });
});
