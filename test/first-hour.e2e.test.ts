/**
 * Where a new Kilo user used to get stuck (issue 12's dead ends), as that user meets them: the built CLI,
 * a temp state dir, and the fake gateway on 127.0.0.1 standing in for Kilo.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useGatewayAndState } from "./helpers/e2e-setup.js";
import { runCli } from "./helpers/run-cli.js";

const KEY = "sk-kilo-first-hour-0123456789";
const { gateway, state } = useGatewayAndState({ beforeAll, afterAll, beforeEach, afterEach });

function writeConfig(config: unknown): void {
  mkdirSync(state().stateDir, { recursive: true });
  writeFileSync(state().configPath, JSON.stringify(config, null, 2));
}

function lastModel(): unknown {
  return (gateway().chatRequests().at(-1)?.body as { model?: unknown } | undefined)?.model;
}

/** Only a Kilo key in the environment, the gateway moved to the fake one: a first-time user's shell. */
const kiloEnv = () => ({ ...state().env, KILOCODE_API_KEY: KEY, KILOCODE_API_BASE_URL: gateway().baseUrl });

describe("dead end 3: model refs with only a Kilo key", () => {
  it("agent with no default model uses the provider that has a key, not Anthropic", async () => {
    const result = await runCli(["agent", "-m", "hi"], { env: kiloEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(lastModel()).toBe("anthropic/claude-opus-4.6");
  });

  it("--model kilocode means Kilo's default model", async () => {
    const result = await runCli(["agent", "-m", "hi", "--model", "kilocode"], { env: kiloEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(lastModel()).toBe("anthropic/claude-opus-4.6");
  });

  it("--model anthropic/claude-sonnet-4.5 suggests the kilocode/ ref and sends nothing", async () => {
    const result = await runCli(["agent", "-m", "hi", "--model", "anthropic/claude-sonnet-4.5"], { env: kiloEnv() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: No API key found for provider "anthropic".');
    expect(result.stderr).toContain("Hint: Your Kilo Gateway key can serve this model: use --model kilocode/anthropic/claude-sonnet-4.5");
    expect(gateway().chatRequests()).toHaveLength(0);
  });

  it("a ref in Kilo's own naming (unknown provider) suggests the gateway ref", async () => {
    const result = await runCli(["agent", "-m", "hi", "--model", "minimax/minimax-m2.5:free"], { env: kiloEnv() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown provider "minimax"');
    expect(result.stderr).toContain("Did you mean kilocode/minimax/minimax-m2.5:free?");
  });

  it("with --json, the same error is one JSON object on stdout and nothing else", async () => {
    const result = await runCli(["agent", "-m", "hi", "--model", "anthropic/claude-sonnet-4.5", "--json"], { env: kiloEnv() });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: {
        code: "NO_API_KEY",
        message: 'No API key found for provider "anthropic".',
        hint: "Your Kilo Gateway key can serve this model: use --model kilocode/anthropic/claude-sonnet-4.5",
      },
    });
  });
});

describe("dead end 4: models list", () => {
  it("keeps a default model chosen from the live catalog, and tags catalog rows configured only when the config names them", async () => {
    writeConfig({
      agents: { defaults: { model: { primary: "kilocode/minimax/minimax-m2.5:free" } } },
      models: { providers: { kilocode: { baseUrl: gateway().baseUrl, api: "openai-completions", models: [{ id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6" }] } } },
    });
    gateway().setModelsPayload({ data: [{ id: "minimax/minimax-m2.5:free", name: "MiniMax M2.5 (free)" }, { id: "z-ai/glm-5:free", name: "GLM-5" }] });
    const plain = JSON.parse((await runCli(["models", "list", "--provider", "kilocode", "--json"], { env: kiloEnv() })).stdout);
    // Listed as OpenClaw lists it (not in the configured catalog: "missing"), never dropped.
    expect(plain.models.find((row: { key: string }) => row.key === "kilocode/minimax/minimax-m2.5:free")).toMatchObject({
      tags: ["default", "configured"],
    });
    const all = JSON.parse((await runCli(["models", "list", "--provider", "kilocode", "--all", "--json"], { env: kiloEnv() })).stdout);
    const byKey = new Map(all.models.map((row: { key: string; tags: string[] }) => [row.key, row.tags]));
    expect(byKey.get("kilocode/minimax/minimax-m2.5:free")).toEqual(expect.arrayContaining(["default", "configured"]));
    expect(byKey.get("kilocode/z-ai/glm-5:free")).not.toContain("configured");
  });

  it("says how many models the allowlist hides, with --provider too", async () => {
    writeConfig({
      agents: { defaults: { models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway" } } } },
      models: {
        providers: {
          kilocode: {
            baseUrl: gateway().baseUrl,
            api: "openai-completions",
            models: [
              { id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6" },
              { id: "z-ai/glm-5:free", name: "GLM-5" },
            ],
          },
        },
      },
    });
    const result = await runCli(["models", "list", "--provider", "kilocode"], { env: kiloEnv() });
    expect(result.code, result.stderr).toBe(0);
    // The hand-written models merge with the built-in catalog (10 models); only the default is allowed.
    expect(result.stderr).toMatch(/9 more model\(s\) hidden: agents\.defaults\.models/);
  });
});
