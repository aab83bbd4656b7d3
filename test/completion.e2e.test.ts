/**
 * `openclaw completion bash|zsh|fish`: the scripts list every command, flag and auth choice (derived from
 * the program and the provider table), and they complete for real when a shell loads them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_AUTH_CHOICES } from "../src/commands/auth-choice-options.js";
import { COMMAND_REGISTRY } from "../src/cli/program/command-registry.js";
import { API_KEY_PROVIDERS } from "../src/providers/api-key-providers.js";
import { runCli } from "./helpers/run-cli.js";

const hasShell = (shell: string) => spawnSync(shell, ["-c", "exit 0"], { stdio: "ignore" }).status === 0;
const shells = { bash: hasShell("bash"), zsh: hasShell("zsh"), fish: hasShell("fish") };
for (const [shell, present] of Object.entries(shells)) {
  if (!present) console.warn(`${shell} is not installed: skipping its completion test (install ${shell} to run it).`);
}

const scripts: Record<string, string> = {};
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "openclaw-completion-"));
  for (const shell of ["bash", "zsh", "fish"]) {
    const result = await runCli(["completion", shell]);
    expect(result.code, result.stderr).toBe(0);
    scripts[shell] = result.stdout;
    writeFileSync(path.join(dir, `openclaw.${shell}`), result.stdout);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a shell script and returns its stdout, failing the test with stderr on a non-zero exit. */
function runShell(shell: string, args: string[]): string {
  const result = spawnSync(shell, args, { encoding: "utf8", timeout: 20_000, env: { PATH: process.env.PATH ?? "", HOME: dir } });
  expect(result.status, `${shell} failed: ${result.stderr}`).toBe(0);
  return result.stdout;
}

describe("openclaw completion", () => {
  it.each(["bash", "zsh", "fish"])("the %s script names every command, provider key flag and auth choice", (shell) => {
    const script = scripts[shell]!;
    for (const entry of COMMAND_REGISTRY) expect(script).toContain(entry.name);
    for (const spec of API_KEY_PROVIDERS) {
      // fish spells long flags without their dashes (`-l kilocode-api-key`).
      expect(script).toContain(shell === "fish" ? `-l ${spec.flag.cliFlag.slice(2)}` : spec.flag.cliFlag);
      expect(script).toContain(spec.id);
    }
    for (const choice of ALL_AUTH_CHOICES) expect(script).toContain(choice);
    for (const flag of ["--non-interactive", "--secret-input-mode", "--message", "--thinking", "--refresh"]) {
      expect(script).toContain(shell === "fish" ? `-l ${flag.slice(2)}` : flag);
    }
  });

  it("an unknown shell is refused with the valid ones", async () => {
    const result = await runCli(["completion", "powershell"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bash, zsh, fish");
    expect(result.stdout).toBe("");
  });

  it("takes the shell from --shell or, when not named, from $SHELL", async () => {
    expect((await runCli(["completion", "--shell", "fish"])).stdout).toBe(scripts.fish);
    expect((await runCli(["completion"], { env: { SHELL: "/usr/bin/zsh" } })).stdout).toBe(scripts.zsh);
    const unknown = await runCli(["completion"], { env: { SHELL: "/bin/sh" } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Cannot tell which shell to complete for ($SHELL is sh).");
    expect(unknown.stderr).toContain("openclaw completion bash|zsh|fish");
  });

  it("--help says how to install it", async () => {
    const result = await runCli(["completion", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("source <(openclaw completion bash)");
    expect(result.stdout).toContain("~/.config/fish/completions/openclaw.fish");
  });

  it.skipIf(!shells.bash)("bash completes commands, flags and values", () => {
    const complete = (...words: string[]) =>
      runShell("bash", [
        "-c",
        `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _openclaw; printf '%s\\n' "\${COMPREPLY[@]}"`,
        "bash",
        path.join(dir, "openclaw.bash"),
        ...words,
      ])
        .split("\n")
        .filter(Boolean);
    expect(complete("openclaw", "")).toEqual(expect.arrayContaining(COMMAND_REGISTRY.map((entry) => entry.name)));
    expect(complete("openclaw", "models", "")).toEqual(expect.arrayContaining(["status", "list"]));
    expect(complete("openclaw", "onboard", "--kilo").sort()).toEqual(["--kilocode-api-key", "--kilocode-org"]);
    expect(complete("openclaw", "onboard", "--auth-choice", "kilo").sort()).toEqual(["kilocode-api-key", "kilocode-device"]);
    expect(complete("openclaw", "onboard", "--auth-choice", "=", "")).toEqual([...ALL_AUTH_CHOICES]);
    expect(complete("openclaw", "onboard", "--auth-choice=kilo").sort()).toEqual(["--auth-choice=kilocode-api-key", "--auth-choice=kilocode-device"]);
    expect(complete("openclaw", "agent", "-m", "hi", "--thinking", "")).toEqual(["off", "minimal", "low", "medium", "high"]);
    expect(complete("openclaw", "models", "list", "--provider", "kilo")).toEqual(["kilocode"]);
    expect(complete("openclaw", "completion", "")).toEqual(["bash", "zsh", "fish"]);
  });

  it.skipIf(!shells.zsh)("zsh loads the script and completes through _describe/compadd", () => {
    // compsys itself needs a terminal; its entry points are stubbed to print what they were given.
    const harness = [
      "compdef() { :; }",
      "compset() { :; }",
      "_default() { print -r -- default; }",
      '_describe() { local name=$4; for e in ${(P)name}; do print -r -- "${e%%:*}"; done; }',
      'compadd() { print -rl -- ${(P)2}; }',
      'source "$1"; shift',
      'words=("$@"); CURRENT=$#words; _openclaw',
    ].join("\n");
    const complete = (...words: string[]) =>
      runShell("zsh", ["-f", "-c", harness, "zsh", path.join(dir, "openclaw.zsh"), ...words]).split("\n").filter(Boolean);
    expect(complete("openclaw", "")).toEqual(expect.arrayContaining(COMMAND_REGISTRY.map((entry) => entry.name)));
    expect(complete("openclaw", "models", "")).toEqual(expect.arrayContaining(["status", "list"]));
    expect(complete("openclaw", "onboard", "--")).toContain("--kilocode-api-key");
    expect(complete("openclaw", "onboard", "--auth-choice", "")).toEqual([...ALL_AUTH_CHOICES]);
    expect(complete("openclaw", "agent", "-m", "list", "--thinking", "")).toEqual(["off", "minimal", "low", "medium", "high"]);
    expect(complete("openclaw", "agent", "--message", "")).toEqual(["default"]);
  });

  it.skipIf(!shells.fish)("fish completes commands, flags and values", () => {
    const complete = (line: string) =>
      runShell("fish", ["--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, path.join(dir, "openclaw.fish"), line])
        .split("\n")
        .filter(Boolean)
        .map((candidate) => candidate.split("\t")[0]);
    expect(complete("openclaw ")).toEqual(expect.arrayContaining(COMMAND_REGISTRY.map((entry) => entry.name)));
    expect(complete("openclaw models ")).toEqual(expect.arrayContaining(["list", "status"]));
    expect(complete("openclaw onboard --kilo").sort()).toEqual(["--kilocode-api-key", "--kilocode-org"]);
    expect(complete("openclaw onboard --auth-choice ").sort()).toEqual([...ALL_AUTH_CHOICES].sort());
    expect(complete("openclaw agent -m list --thinking ").sort()).toEqual(["high", "low", "medium", "minimal", "off"]);
  });
});
