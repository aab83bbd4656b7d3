/** Non-interactive onboarding end to end: the built CLI with a temp HOME/state dir. */
import path from "node:path";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const KEY = "sk-kilo-onboard-0123456789abcdef";
const state = useTempState({ beforeEach, afterEach });

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const mode = (file: string) => statSync(file).mode & 0o777;

function expectKiloOnboarded(key = KEY): void {
  const store = readJson(state().authStorePath);
  expect(store.version).toBe(1);
  expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key });
  const config = readJson(state().configPath);
  expect(config.auth.profiles["kilocode:default"]).toEqual({ provider: "kilocode", mode: "api_key" });
  expect(config.models.providers.kilocode).toMatchObject({ baseUrl: "https://api.kilo.ai/api/gateway/", api: "openai-completions" });
  // The release's catalog (plus kilo/auto), default first.
  expect(config.models.providers.kilocode.models).toHaveLength(10);
  expect(config.models.providers.kilocode.models[0]).toMatchObject({ id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6", contextWindow: 1_000_000, maxTokens: 128_000 });
  expect(config.agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
  expect(config.agents.defaults.models["kilocode/anthropic/claude-opus-4.6"].alias).toBe("Kilo Gateway");
  expect(mode(state().configPath)).toBe(0o600);
  expect(mode(state().authStorePath)).toBe(0o600);
}

describe("openclaw onboard --non-interactive (Kilo Gateway)", () => {
  it("--auth-choice kilocode-api-key --kilocode-api-key K", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key", "--kilocode-api-key", KEY], {
      env: state().env,
    });
    expect(result.code, result.stderr).toBe(0);
    expectKiloOnboarded();
    expect(result.stdout).toContain("kilocode/anthropic/claude-opus-4.6");
    expect(result.stdout).toContain("sk-k…cdef");
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("--kilocode-api-key K alone infers the auth choice", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY, "--json"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      mode: "local",
      authChoice: "kilocode-api-key",
      defaultModel: "kilocode/anthropic/claude-opus-4.6",
      profileId: "kilocode:default",
      configPath: state().configPath,
      authStorePath: state().authStorePath,
      keySource: "--kilocode-api-key",
    });
    expectKiloOnboarded();
  });

  it("takes the key from KILOCODE_API_KEY with --auth-choice", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key"], {
      env: { ...state().env, KILOCODE_API_KEY: KEY },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("env: KILOCODE_API_KEY");
    expectKiloOnboarded();
  });

  it("reuses an existing kilocode profile when no flag or env key is given", async () => {
    expect((await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env })).code).toBe(0);
    const result = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key", "--json"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).keySource).toBe("profile:kilocode:default");
    expectKiloOnboarded();
  });

  it("missing key: exact message, exit 1, nothing written", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Missing --kilocode-api-key (or KILOCODE_API_KEY in env, or existing kilocode API-key profile).");
    expect(existsSync(state().configPath)).toBe(false);
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("two provider flags without --auth-choice: error, exit 1, nothing written", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY, "--openrouter-api-key", "sk-or-x"], {
      env: state().env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Multiple API key flags were provided for non-interactive onboarding.");
    expect(result.stderr).toContain("Flags: --openrouter-api-key, --kilocode-api-key");
    expect(existsSync(state().configPath)).toBe(false);
  });

  it("unknown auth choice: error naming the flag and the valid values", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilo"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown --auth-choice "kilo"');
    expect(result.stderr).toContain("kilocode-api-key");
    expect(existsSync(state().configPath)).toBe(false);
  });

  it.each([
    [`"${KEY}"`],
    [`export KILOCODE_API_KEY=${KEY}`],
    [`${KEY};`],
    [`  '${KEY}'  `],
  ])("normalises a pasted key %s", async (pasted) => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", pasted], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    expectKiloOnboarded();
  });

  it("an empty key is rejected without writing anything", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "  "], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Missing --kilocode-api-key");
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("reads the key from stdin with --kilocode-api-key -", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "-"], { env: state().env, input: `${KEY}\n` });
    expect(result.code, result.stderr).toBe(0);
    expectKiloOnboarded();
  });

  it("refuses an empty stdin key", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "-"], { env: state().env, input: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--kilocode-api-key - read an empty key from stdin");
    expect(existsSync(state().configPath)).toBe(false);
  });

  it("--secret-input-mode ref stores a reference to KILOCODE_API_KEY, which the runtime resolves", async () => {
    const env = { ...state().env, KILOCODE_API_KEY: KEY };
    const result = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key", "--secret-input-mode", "ref"], { env });
    expect(result.code, result.stderr).toBe(0);
    const store = readJson(state().authStorePath);
    expect(store.profiles["kilocode:default"]).toEqual({
      type: "api_key",
      provider: "kilocode",
      keyRef: { source: "env", provider: "default", id: "KILOCODE_API_KEY" },
    });
    expect(readFileSync(state().authStorePath, "utf8")).not.toContain(KEY);
    const status = await runCli(["models", "status", "--json"], { env });
    const kilo = JSON.parse(status.stdout).providers.find((row: { provider: string }) => row.provider === "kilocode");
    expect(kilo).toMatchObject({ usable: true, keySource: "profile:kilocode:default" });
  });

  it("--secret-input-mode ref without the env var set is an error", async () => {
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY, "--secret-input-mode", "ref"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("KILOCODE_API_KEY is not set");
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("keeps every unrelated key of an existing full OpenClaw config", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    const existing = {
      meta: { lastTouchedVersion: "2026.2.23", custom: 1 },
      wizard: { lastRunAt: "2026-02-01T00:00:00Z", lastRunMode: "local" },
      gateway: { port: 18789, bind: "loopback", auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" } },
      channels: { telegram: { enabled: true, botToken: "123:abc" } },
      skills: { install: { nodeManager: "pnpm" }, entries: { weather: { enabled: true } } },
      auth: { profiles: { "openrouter:default": { provider: "openrouter", mode: "api_key" } }, cooldowns: { x: 1 } },
      models: {
        mode: "merge",
        bedrockDiscovery: { enabled: false },
        providers: {
          kilocode: {
            baseUrl: "https://api.kilo.ai/api/gateway/",
            apiKey: " sk-in-config ",
            headers: { "X-Team": "blue" },
            models: [{ id: "minimax/minimax-m2.5:free", name: "Minimax: Minimax M2.5" }],
          },
          moonshot: { baseUrl: "https://api.moonshot.ai/v1", api: "openai-completions", models: [{ id: "kimi-k2.5", name: "Kimi" }] },
        },
      },
      agents: {
        defaults: {
          workspace: "~/work",
          model: { primary: "openrouter/auto", fallbacks: ["moonshot/kimi-k2.5"] },
          models: { "openrouter/auto": { alias: "Router" } },
          contextPruning: { mode: "cache-ttl" },
        },
        list: [{ id: "main", default: true }],
      },
      hooks: { internal: { enabled: true } },
      unknownTopLevel: { keep: ["me"] },
    };
    writeFileSync(state().configPath, JSON.stringify(existing, null, 2));
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], {
      env: { ...state().env, OPENCLAW_GATEWAY_TOKEN: "tok" },
    });
    expect(result.code, result.stderr).toBe(0);
    const config = readJson(state().configPath);
    for (const key of ["channels", "skills", "hooks", "unknownTopLevel"] as const) expect(config[key]).toEqual(existing[key]);
    // Existing gateway values (the token reference included) are kept; only missing ones are filled in.
    expect(config.gateway).toEqual({ ...existing.gateway, mode: "local", tailscale: { mode: "off", resetOnExit: false } });
    expect(config.gateway.auth.token).toBe("${OPENCLAW_GATEWAY_TOKEN}");
    expect(config.wizard).toMatchObject({ lastRunCommand: "onboard", lastRunMode: "local" });
    expect(config.wizard.lastRunAt).not.toBe(existing.wizard.lastRunAt);
    expect(config.meta.custom).toBe(1);
    expect(config.auth.cooldowns).toEqual({ x: 1 });
    expect(config.auth.profiles["openrouter:default"]).toEqual({ provider: "openrouter", mode: "api_key" });
    expect(config.models.bedrockDiscovery).toEqual({ enabled: false });
    expect(config.models.providers.moonshot).toEqual(existing.models.providers.moonshot);
    expect(config.models.providers.kilocode.headers).toEqual({ "X-Team": "blue" });
    expect(config.models.providers.kilocode.apiKey).toBe("sk-in-config");
    // The user's entry kept as written, then the catalog entries it lacked.
    expect(config.models.providers.kilocode.models[0]).toEqual(existing.models.providers.kilocode.models[0]);
    expect(config.models.providers.kilocode.models.map((model: { id: string }) => model.id)).toEqual([
      "minimax/minimax-m2.5:free",
      "anthropic/claude-opus-4.6",
      "z-ai/glm-5:free",
      "anthropic/claude-sonnet-4.5",
      "openai/gpt-5.2",
      "google/gemini-3-pro-preview",
      "google/gemini-3-flash-preview",
      "x-ai/grok-code-fast-1",
      "moonshotai/kimi-k2.5",
      "kilo/auto",
    ]);
    expect(config.agents.defaults.model).toEqual({ fallbacks: ["moonshot/kimi-k2.5"], primary: "kilocode/anthropic/claude-opus-4.6" });
    expect(config.agents.defaults.models["openrouter/auto"]).toEqual({ alias: "Router" });
    expect(config.agents.defaults.workspace).toBe("~/work");
    expect(config.agents.defaults.contextPruning).toEqual({ mode: "cache-ttl" });
    expect(config.agents.list).toEqual(existing.agents.list);
    expect(readJson(`${state().configPath}.bak`)).toEqual(existing);
  });

  it("broken JSON5 config: one-line error with line and column, exit 1, file untouched", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    const broken = "{\n  // comment is fine\n  models: { mode: 'merge', }\n  agents: {\n}\n";
    writeFileSync(state().configPath, broken);
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`Failed to parse ${state().configPath.replace(/[.]/g, "\\.")}: .* at line 4, column 3`));
    expect(readFileSync(state().configPath, "utf8")).toBe(broken);
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("a wrong type in an owned section: error naming the path, nothing written", async () => {
    mkdirSync(state().stateDir, { recursive: true });
    const bad = JSON.stringify({ models: { providers: { kilocode: { baseUrl: "https://x/", models: "all" } } } });
    writeFileSync(state().configPath, bad);
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("models.providers.kilocode.models: expected array");
    expect(readFileSync(state().configPath, "utf8")).toBe(bad);
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("an unreadable config path is a clear error", async () => {
    mkdirSync(state().configPath, { recursive: true });
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read config ${state().configPath}: it is a directory`);
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("accepts the automation flags real installs pass, as no-ops", async () => {
    const result = await runCli(
      [
        "onboard",
        "--non-interactive",
        "--accept-risk",
        "--mode",
        "local",
        "--flow",
        "quickstart",
        "--gateway-port",
        "18789",
        "--gateway-bind",
        "loopback",
        "--skip-channels",
        "--skip-skills",
        "--skip-health",
        "--skip-daemon",
        "--workspace",
        path.join(state().root, "ws"),
        "--kilocode-api-key",
        KEY,
      ],
      { env: state().env },
    );
    expect(result.code, result.stderr).toBe(0);
    expectKiloOnboarded();
  });

  it("--mode remote needs --remote-url, then records only the remote gateway", async () => {
    const refused = await runCli(["onboard", "--non-interactive", "--mode", "remote", "--kilocode-api-key", KEY], { env: state().env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Missing --remote-url for remote mode.");
    expect(existsSync(state().configPath)).toBe(false);
    const result = await runCli(["onboard", "--non-interactive", "--mode", "remote", "--remote-url", "wss://gw.example.test", "--remote-token", "rt", "--json"], {
      env: state().env,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: "remote", remoteUrl: "wss://gw.example.test", auth: "token" });
    const config = readJson(state().configPath);
    expect(config.gateway).toEqual({ mode: "remote", remote: { url: "wss://gw.example.test", token: "rt" } });
    expect(config.wizard).toMatchObject({ lastRunCommand: "onboard", lastRunMode: "remote" });
    expect(existsSync(state().authStorePath)).toBe(false);
  });

  it("the interactive wizard refuses to start without a terminal and says what to run instead", async () => {
    const result = await runCli(["onboard"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("needs an interactive terminal");
    expect(result.stderr).toContain("--non-interactive");
  });

  it("selecting a kilocode/ model afterwards reaches the right provider and model id", async () => {
    expect((await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env })).code).toBe(0);
    const config = readJson(state().configPath);
    config.agents.defaults.model.primary = "kilocode/minimax/minimax-m2.5:free";
    writeFileSync(state().configPath, JSON.stringify(config));
    const status = JSON.parse((await runCli(["models", "status", "--json"], { env: state().env })).stdout);
    expect(status).toMatchObject({ defaultModel: "kilocode/minimax/minimax-m2.5:free", provider: "kilocode", usable: true });
  });

  it("onboard --help documents the Kilo flag, the auth choice and the no-op flags", async () => {
    const result = await runCli(["onboard", "--help"], { env: state().env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--kilocode-api-key <key>");
    expect(result.stdout).toContain("kilocode-api-key");
    expect(result.stdout).toContain("no effect in this slice");
  });
});
