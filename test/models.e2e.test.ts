/** `openclaw models status|list`, including the live Kilo catalog served by the fake gateway. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { kilocode } from "../src/providers/kilocode.js";
import { specModels } from "../src/providers/models.js";
import { useFakeGateway, type FakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const KEY = "sk-kilo-models-0123456789";
let gateway: FakeGateway;
const state = useTempState({ beforeEach, afterEach });

const CATALOG = {
  data: [
    {
      id: "anthropic/claude-sonnet-4.5",
      name: "Anthropic: Claude Sonnet 4.5",
      context_length: 1_000_000,
      architecture: { input_modalities: ["text", "image"], output_modalities: ["text"] },
      top_provider: { max_completion_tokens: 64_000 },
      pricing: { prompt: "0.000003", completion: "0.000015", input_cache_read: "0.0000003", input_cache_write: "0.00000375" },
      supported_parameters: ["reasoning", "tools"],
    },
    { id: "minimax/minimax-m2.5:free", name: "MiniMax M2.5 (free)", context_length: 204_800, architecture: { output_modalities: ["text"] } },
    { id: "google/gemini-image", name: "Image model", architecture: { output_modalities: ["image"] } },
    { name: "no id" },
  ],
};

/** The built-in Kilo catalog onboarding writes, in order. */
const CATALOG_IDS = specModels(kilocode).map((model) => model.id);

const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
beforeEach(() => {
  gateway = fakeGateway();
  gateway.setModelsPayload(CATALOG);
});

function writeConfig(config: unknown): void {
  mkdirSync(state().stateDir, { recursive: true });
  writeFileSync(state().configPath, typeof config === "string" ? config : JSON.stringify(config));
}

describe("openclaw models status", () => {
  it("with only KILOCODE_API_KEY shows kilocode usable with the built-in base URL, as a preview", async () => {
    const result = await runCli(["models", "status"], { env: { ...state().env, KILOCODE_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/kilocode\s+usable\s+key sk-…789 from env: KILOCODE_API_KEY\s+https:\/\/api\.kilo\.ai\/api\/gateway\//);
    expect(result.stdout).toContain("implicit");
    expect(result.stdout).not.toContain(KEY);
  });

  it("--json reports the default model and where its key comes from", async () => {
    expect((await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env })).code).toBe(0);
    const result = await runCli(["models", "status", "--json"], { env: state().env });
    const status = JSON.parse(result.stdout);
    expect(status).toMatchObject({ defaultModel: "kilocode/anthropic/claude-opus-4.6", provider: "kilocode", usable: true });
    expect(status.providers.find((row: { provider: string }) => row.provider === "kilocode")).toMatchObject({
      keySource: "profile:kilocode:default",
      keyPreview: "sk-…789",
      baseUrl: "https://api.kilo.ai/api/gateway/",
    });
    expect(result.stdout).not.toContain(KEY);
  });

  it("says the key is missing (exit 0) with the fix", async () => {
    writeConfig({ agents: { defaults: { model: { primary: "kilocode/anthropic/claude-opus-4.6" } } } });
    const result = await runCli(["models", "status"], { env: state().env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("missing");
    expect(result.stdout).toContain("openclaw onboard --auth-choice kilocode-api-key");
  });

  it("a broken config exits 1 naming the file", async () => {
    writeConfig("{ models: ");
    const result = await runCli(["models", "status"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Failed to parse ${state().configPath}`);
  });
});

describe("openclaw models list", () => {
  it("lists the models of a hand-written kilocode block", async () => {
    writeConfig(`{ models: { providers: { kilocode: { baseUrl: "https://api.kilo.ai/api/gateway/", apiKey: "x", api: "openai-completions",
      models: [ { id: "anthropic/claude-opus-4.6", name: "Anthropic: Claude Opus 4.6" }, { id: "minimax/minimax-m2.5:free", name: "Minimax: Minimax M2.5" } ] } } } }`);
    const result = await runCli(["models", "list", "--provider", "kilocode", "--json"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    const refs = JSON.parse(result.stdout).models.map((row: { key: string }) => row.key);
    // The hand-written models first, then the built-in catalog (models.mode merge).
    expect(refs.slice(0, 2)).toEqual(["kilocode/anthropic/claude-opus-4.6", "kilocode/minimax/minimax-m2.5:free"]);
    expect(refs).toHaveLength(CATALOG_IDS.length);
    expect(gateway.requests).toHaveLength(0);
  });

  it("after onboarding, shows what the allowlist hides and how to see the catalog", async () => {
    expect((await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env })).code).toBe(0);
    const result = await runCli(["models", "list", "--provider", "kilocode"], { env: state().env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kilocode/anthropic/claude-opus-4.6");
    expect(result.stdout).not.toContain("glm-5");
    expect(result.stderr).toContain(`${CATALOG_IDS.length - 1} more model(s) hidden: agents.defaults.models in openclaw.json acts as an allowlist. Use --all`);
    expect(result.stderr).toContain("add --all to include the live Kilo catalog");
  });

  it("--all merges the live catalog with configured models, sending key and headers", async () => {
    expect((await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: state().env })).code).toBe(0);
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    config.models.providers.kilocode.baseUrl = gateway.baseUrl;
    config.models.providers.kilocode.organizationId = "org_7";
    writeConfig(config);
    const result = await runCli(["models", "list", "--provider", "kilocode", "--all", "--json"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout).models as { id: string; name: string; contextWindow: number; input: string; reasoning: boolean; cost: unknown }[];
    // Onboarding's catalog order; the live rows replace its zero-cost copies, so real prices show.
    expect(rows.map((row) => row.id)).toEqual(CATALOG_IDS);
    expect(rows.find((row) => row.id === "anthropic/claude-sonnet-4.5")).toMatchObject({
      name: "Anthropic: Claude Sonnet 4.5",
      contextWindow: 1_000_000,
      input: "text+image",
      reasoning: true,
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    });
    const request = gateway.requests[0]!;
    expect(request.path).toBe("/api/gateway/models");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["x-kilocode-feature"]).toBe("openclaw");
    expect(request.headers["x-kilocode-organizationid"]).toBe("org_7");
  });

  it("serves the catalog from the disk cache, refetches with --refresh", async () => {
    const env = { ...state().env, KILOCODE_API_KEY: KEY, KILOCODE_API_BASE_URL: gateway.baseUrl };
    const list = (...extra: string[]) => runCli(["models", "list", "--provider", "kilocode", "--all", "--json", ...extra], { env });
    expect((await list()).code).toBe(0);
    expect((await list()).code).toBe(0);
    expect(gateway.requests.filter((request) => request.path.endsWith("/models"))).toHaveLength(1);
    gateway.setModelsPayload({ data: [{ id: "new/model", name: "New", architecture: { output_modalities: ["text"] } }] });
    const refreshed = JSON.parse((await list("--refresh")).stdout).models.map((row: { id: string }) => row.id);
    expect(refreshed).toContain("new/model");
    expect(gateway.requests.filter((request) => request.path.endsWith("/models"))).toHaveLength(2);
  });

  it("a failing catalog (503) keeps configured and default models and says why", async () => {
    gateway.setModelsPayload({ error: "down" }, 503);
    writeConfig({
      models: { providers: { kilocode: { baseUrl: gateway.baseUrl, models: [{ id: "my/own-model", name: "Mine" }] } } },
    });
    const result = await runCli(["models", "list", "--provider", "kilocode", "--all", "--json"], { env: state().env });
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.models.map((row: { id: string }) => row.id)).toEqual(["my/own-model", ...CATALOG_IDS]);
    expect(parsed.notes[0]).toContain("Kilo catalog unavailable");
    expect(parsed.notes[0]).toContain("503");
  });

  it("an unknown --provider is a clear error", async () => {
    const result = await runCli(["models", "list", "--provider", "nope"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown provider "nope" for --provider');
  });
});
