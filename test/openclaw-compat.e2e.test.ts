/**
 * What a user or a script moving between this CLI and the OpenClaw release can tell apart (issue 10):
 * the onboarding flags and the sections they write, the JSON of `models list` / `models status`, and
 * `agent --verbose on|off`. The built CLI, a temp state dir, and a fake gateway on 127.0.0.1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway, type FakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState, type TempState } from "./helpers/temp-state.js";

const KEY = "sk-kilo-compat-0123456789abcdef";
const currentGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const currentState = useTempState({ beforeEach, afterEach });
let gateway: FakeGateway;
let state: TempState;
beforeEach(() => {
  [gateway, state] = [currentGateway(), currentState()];
});

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const sessionsDir = () => path.join(state.stateDir, "agents", "main", "sessions");
const onboard = (...flags: string[]) => runCli(["onboard", "--non-interactive", ...flags], { env: state.env });

/** The line real automation runs against OpenClaw, plus every other flag the releases accept. */
function realWorldLine(workspace: string): string[] {
  return [
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--mode",
    "local",
    "--auth-choice",
    "kilocode-api-key",
    "--kilocode-api-key",
    KEY,
    "--gateway-port",
    "18790",
    "--gateway-bind",
    "loopback",
    "--skip-channels",
    "--skip-skills",
    "--skip-health",
    "--json",
    "--flow",
    "quickstart",
    "--workspace",
    workspace,
    "--no-install-daemon",
    "--skip-daemon",
    "--daemon-runtime",
    "node",
    "--gateway-auth",
    "token",
    "--gateway-token",
    "gw-token-from-flag",
    "--tailscale",
    "off",
    "--tailscale-reset-on-exit",
    "--node-manager",
    "pnpm",
    "--reset",
    "--reset-scope",
    "config",
    "--remote-url",
    "wss://ignored-in-local-mode.example",
    "--remote-token",
    "ignored",
    "--token-profile-id",
    "kilocode:default",
    "--token-expires-in",
    "365d",
    "--skip-search",
    "--skip-ui",
  ];
}

describe("onboard: OpenClaw's flags and sections", () => {
  it("runs a long real-world line with every flag, printing OpenClaw's JSON summary", async () => {
    const workspace = path.join(state.root, "my-workspace");
    const result = await runCli(realWorldLine(workspace), { env: state.env });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      mode: "local",
      workspace,
      authChoice: "kilocode-api-key",
      gateway: { port: 18790, bind: "loopback", authMode: "token", tailscaleMode: "off" },
      installDaemon: false,
      skipSkills: true,
      skipHealth: true,
    });
    expect(Object.keys(summary).slice(0, 7)).toEqual(["mode", "workspace", "authChoice", "gateway", "installDaemon", "skipSkills", "skipHealth"]);
    expect(Object.keys(summary.gateway)).toEqual(["port", "bind", "authMode", "tailscaleMode"]);
    expect(result.stdout).not.toContain(KEY);

    const config = readJson(state.configPath);
    expect(config.gateway).toEqual({
      port: 18790,
      mode: "local",
      bind: "loopback",
      auth: { mode: "token", token: "gw-token-from-flag" },
      tailscale: { mode: "off", resetOnExit: true },
    });
    expect(config.agents.defaults.workspace).toBe(workspace);
    expect(config.agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
    expect(config.wizard).toEqual({ lastRunAt: expect.any(String), lastRunVersion: expect.any(String), lastRunCommand: "onboard", lastRunMode: "local" });
    expect(Number.isNaN(Date.parse(config.wizard.lastRunAt))).toBe(false);
    expect(statSync(workspace).isDirectory()).toBe(true);
    expect(statSync(sessionsDir()).isDirectory()).toBe(true);
    expect(readJson(state.authStorePath).profiles["kilocode:default"].key).toBe(KEY);
  });

  it("writes OpenClaw's defaults once: a 48-hex token kept on re-runs, workspace and sessions under the state dir", async () => {
    expect((await onboard("--kilocode-api-key", KEY)).code).toBe(0);
    const first = readJson(state.configPath);
    expect(first.gateway).toEqual({
      port: 18789,
      mode: "local",
      bind: "loopback",
      auth: { mode: "token", token: expect.stringMatching(/^[0-9a-f]{48}$/) },
      tailscale: { mode: "off", resetOnExit: false },
    });
    expect(first.agents.defaults.workspace).toBe(path.join(state.stateDir, "workspace"));
    expect(existsSync(path.join(state.stateDir, "workspace"))).toBe(true);
    expect(existsSync(sessionsDir())).toBe(true);

    const rerun = await onboard("--auth-choice", "kilocode-api-key", "--json");
    expect(rerun.code, rerun.stderr).toBe(0);
    const second = readJson(state.configPath);
    expect(second.gateway).toEqual(first.gateway);
    expect(second.wizard.lastRunAt >= first.wizard.lastRunAt).toBe(true);

    expect((await onboard("--gateway-port", "19001", "--gateway-token", "explicit")).code).toBe(0);
    expect(readJson(state.configPath).gateway).toMatchObject({ port: 19001, auth: { mode: "token", token: "explicit" } });
  });

  it.each([
    [["--gateway-bind", "everywhere"], 'Invalid --gateway-bind "everywhere"'],
    [["--gateway-port", "99999"], 'Invalid --gateway-port "99999"'],
    [["--mode", "cloud"], 'Invalid --mode "cloud"'],
    [["--tailscale", "on"], 'Invalid --tailscale "on"'],
    [["--gateway-auth", "password"], "Missing --gateway-password for password auth."],
    [["--gateway-token-ref-env", "GW_TOKEN_UNSET"], "GW_TOKEN_UNSET is not set"],
    [["--reset-scope", "everything", "--reset"], 'Invalid --reset-scope "everything"'],
  ])("%j: exit 1, one clear error, nothing written (no half-written profile)", async (flags, message) => {
    const result = await onboard("--kilocode-api-key", KEY, ...flags);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(existsSync(state.configPath)).toBe(false);
    expect(existsSync(state.authStorePath)).toBe(false);
  });

  it("password auth and a token kept as an env reference", async () => {
    const password = await onboard("--kilocode-api-key", KEY, "--gateway-auth", "password", "--gateway-password", "pw");
    expect(password.code, password.stderr).toBe(0);
    expect(readJson(state.configPath).gateway.auth).toEqual({ mode: "password", password: "pw" });
    const ref = await runCli(["onboard", "--non-interactive", "--gateway-auth", "token", "--gateway-token-ref-env", "GW_TOKEN"], {
      env: { ...state.env, GW_TOKEN: "from-env" },
    });
    expect(ref.code, ref.stderr).toBe(0);
    expect(readJson(state.configPath).gateway.auth).toEqual({ mode: "token", token: { source: "env", provider: "default", id: "GW_TOKEN" } });
  });

  it("--reset moves config, credentials and sessions aside (never deletes) before onboarding again", async () => {
    expect((await onboard("--kilocode-api-key", KEY)).code).toBe(0);
    const token = readJson(state.configPath).gateway.auth.token;
    writeFileSync(path.join(sessionsDir(), "old.jsonl"), "{}\n");
    const result = await onboard("--reset", "--openrouter-api-key", "sk-or-new");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Reset \(config\+creds\+sessions\): moved .* to .*reset-backups/);
    const config = readJson(state.configPath);
    expect(config.gateway.auth.token).not.toBe(token);
    expect(Object.keys(readJson(state.authStorePath).profiles)).toEqual(["openrouter:default"]);
    expect(existsSync(path.join(sessionsDir(), "old.jsonl"))).toBe(false);
    const backups = path.join(state.stateDir, "reset-backups");
    const [stamp] = readdirSync(backups);
    expect(readJson(path.join(backups, stamp!, "agents", "main", "agent", "auth-profiles.json")).profiles["kilocode:default"].key).toBe(KEY);
  });

  it("--help says which flags are only recorded and which have no effect", async () => {
    const help = (await runCli(["onboard", "--help"], { env: state.env })).stdout.replace(/\s+/g, " ");
    for (const flag of ["--gateway-auth", "--gateway-token-ref-env", "--tailscale-reset-on-exit", "--no-install-daemon", "--reset-scope", "--remote-url", "--token-expires-in", "--skip-search"]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain("recorded in openclaw.json for the OpenClaw gateway");
    expect(help).toContain("no effect in this slice");
  });
});

describe("models --json: OpenClaw's shapes", () => {
  beforeEach(async () => {
    expect((await onboard("--kilocode-api-key", KEY)).code).toBe(0);
  });

  it("models list --json: {count, models: [{key, name, input, contextWindow, local, available, tags, missing}]}", async () => {
    const config = readJson(state.configPath);
    config.agents.defaults.model.fallbacks = ["kilocode/not/in-catalog"];
    config.agents.defaults.models["kilocode/not/in-catalog"] = {};
    writeFileSync(state.configPath, JSON.stringify(config));
    const result = await runCli(["models", "list", "--json"], { env: state.env });
    expect(result.code, result.stderr).toBe(0);
    const list = JSON.parse(result.stdout);
    expect(list.count).toBe(list.models.length);
    const opus = list.models.find((row: { key: string }) => row.key === "kilocode/anthropic/claude-opus-4.6");
    expect(opus).toMatchObject({
      key: "kilocode/anthropic/claude-opus-4.6",
      name: "Claude Opus 4.6",
      input: "text+image",
      contextWindow: 1_000_000,
      local: false,
      available: true,
      tags: ["default", "configured", "alias:Kilo Gateway"],
      missing: false,
    });
    expect(Object.keys(opus).slice(0, 8)).toEqual(["key", "name", "input", "contextWindow", "local", "available", "tags", "missing"]);
    expect(list.models.find((row: { key: string }) => row.key === "kilocode/not/in-catalog")).toMatchObject({
      name: "kilocode/not/in-catalog",
      missing: true,
      tags: ["fallback#1", "configured"],
    });
  });

  it("the human table shows context as n/1024 (977k), as OpenClaw prints it", async () => {
    const result = await runCli(["models", "list"], { env: state.env });
    expect(result.stdout).toMatch(/kilocode\/anthropic\/claude-opus-4\.6\s+Claude Opus 4\.6\s+977k\s+text\+image/);
  });

  it("models status --json: configPath, agentDir, defaults, aliases, allowed and auth.providers", async () => {
    const result = await runCli(["models", "status", "--json"], { env: state.env });
    expect(result.code, result.stderr).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status).toMatchObject({
      configPath: state.configPath,
      agentDir: state.agentDir,
      defaultModel: "kilocode/anthropic/claude-opus-4.6",
      resolvedDefault: "kilocode/anthropic/claude-opus-4.6",
      fallbacks: [],
      imageModel: null,
      imageFallbacks: [],
      aliases: { "Kilo Gateway": "kilocode/anthropic/claude-opus-4.6" },
      allowed: ["kilocode/anthropic/claude-opus-4.6"],
      auth: { storePath: state.authStorePath, shellEnvFallback: { enabled: false, appliedKeys: [] } },
    });
    const kilo = status.auth.providers.find((entry: { provider: string }) => entry.provider === "kilocode");
    expect(kilo).toEqual({
      provider: "kilocode",
      effective: { kind: "profiles", detail: expect.stringContaining("kilocode:default") },
      profiles: { count: 1, apiKey: 1, token: 0, oauth: 0, labels: ["kilocode:default=sk-…def"] },
    });
    expect(status.auth.providers.find((entry: { provider: string }) => entry.provider === "openai")?.effective.kind).toBe("missing");
    expect(result.stdout).not.toContain(KEY);
  });
});

describe("agent --verbose on|off", () => {
  beforeEach(async () => {
    expect((await onboard("--kilocode-api-key", KEY)).code).toBe(0);
    const config = readJson(state.configPath);
    config.models.providers.kilocode.baseUrl = gateway.baseUrl;
    mkdirSync(state.stateDir, { recursive: true });
    writeFileSync(state.configPath, JSON.stringify(config));
  });
  const refuse = () => gateway.respondWith({ kind: "status", status: 402, body: { error: { message: "Insufficient credits", code: "KILO_402_X" } } });

  it("takes on/off as a value: on adds the details, off does not", async () => {
    refuse();
    const on = await runCli(["agent", "--verbose", "on", "--message", "x"], { env: state.env });
    expect(on.code).toBe(1);
    expect(on.stderr).toContain("KILO_402_X");
    refuse();
    const off = await runCli(["agent", "--verbose", "off", "--message", "x"], { env: state.env });
    expect(off.code).toBe(1);
    expect(off.stderr).not.toContain("Details:");
  });

  it("rejects another value before any request", async () => {
    const result = await runCli(["agent", "--verbose", "loud", "--message", "x"], { env: state.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('use "on" or "off"');
    expect(gateway.chatRequests()).toHaveLength(0);
  });
});
