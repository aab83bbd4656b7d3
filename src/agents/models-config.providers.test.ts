import { mkdirSync, writeFileSync } from "node:fs";
import JSON5 from "json5";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import type { OpenClawConfig } from "../config/types.js";
import { kilocode } from "../providers/kilocode.js";
import { specModels } from "../providers/models.js";
import { resolveEffectiveProviders, resolveImplicitProviders, resolveModelDefinition } from "./models-config.providers.js";

const state = useTempState({ beforeEach, afterEach });

describe("implicit kilocode provider", () => {
  it("appears with only KILOCODE_API_KEY, with the built-in base URL and default model, and no secret", () => {
    const implicit = resolveImplicitProviders({ env: { KILOCODE_API_KEY: "sk-env" }, agentDir: state().agentDir });
    expect(implicit.kilocode).toMatchObject({ baseUrl: "https://api.kilo.ai/api/gateway/", api: "openai-completions" });
    expect(implicit.kilocode?.models.map((model) => model.id)).toEqual(specModels(kilocode).map((model) => model.id));
    expect(JSON.stringify(implicit)).not.toContain("sk-env");
  });

  it("appears with a stored kilocode profile, and not without any key", () => {
    expect(resolveImplicitProviders({ env: {}, agentDir: state().agentDir })).toEqual({});
    mkdirSync(state().agentDir, { recursive: true });
    writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: "k" } } }));
    expect(Object.keys(resolveImplicitProviders({ env: {}, agentDir: state().agentDir }))).toEqual(["kilocode"]);
  });

  it("uses KILOCODE_API_BASE_URL for hosted deployments", () => {
    const implicit = resolveImplicitProviders({ env: { KILOCODE_API_KEY: "k", KILOCODE_API_BASE_URL: "https://kilo.internal/gw/" }, agentDir: state().agentDir });
    expect(implicit.kilocode?.baseUrl).toBe("https://kilo.internal/gw/");
  });
});

describe("resolveEffectiveProviders", () => {
  it("lets a hand-written JSON5 block (the design's example) override base URL and merge models", () => {
    const cfg = JSON5.parse(`{
      models: { mode: "merge", providers: { kilocode: {
        baseUrl: "https://proxy.example/kilo/", apiKey: "xxxxx", api: "openai-completions",
        models: [ { id: "anthropic/claude-opus-4.6", name: "Anthropic: Claude Opus 4.6" }, { id: "minimax/minimax-m2.5:free", name: "Minimax: Minimax M2.5" } ],
      } } },
    }`) as OpenClawConfig;
    const providers = resolveEffectiveProviders({ cfg, env: { KILOCODE_API_KEY: "k" }, agentDir: state().agentDir });
    expect(providers.kilocode?.baseUrl).toBe("https://proxy.example/kilo/");
    expect(providers.kilocode?.source).toBe("config");
    const written = ["anthropic/claude-opus-4.6", "minimax/minimax-m2.5:free"];
    // The user's models first (field by field over the built-in entry of the same id), then the rest of the catalog.
    expect(providers.kilocode?.models.map((model) => model.id)).toEqual([...written, ...specModels(kilocode).map((model) => model.id).filter((id) => !written.includes(id))]);
    expect(providers.kilocode?.models[0]).toMatchObject({ name: "Anthropic: Claude Opus 4.6", reasoning: true, contextWindow: 1_000_000 });
    expect(providers.openrouter?.source).toBe("built-in");
  });

  it("with models.mode replace uses the block as written", () => {
    const cfg: OpenClawConfig = { models: { mode: "replace", providers: { kilocode: { baseUrl: "https://x/", models: [{ id: "a/b", name: "AB" }] } } } };
    expect(resolveEffectiveProviders({ cfg, env: {}, agentDir: state().agentDir }).kilocode?.models).toEqual([{ id: "a/b", name: "AB" }]);
  });
});

describe("resolveModelDefinition", () => {
  it("fills runtime defaults for an unlisted model instead of rejecting it", () => {
    const model = resolveModelDefinition({ cfg: {}, ref: { provider: "kilocode", model: "vendor/unlisted-model" }, env: {}, agentDir: state().agentDir });
    expect(model).toEqual({
      provider: "kilocode",
      id: "vendor/unlisted-model",
      name: "vendor/unlisted-model",
      api: "openai-completions",
      baseUrl: "https://api.kilo.ai/api/gateway/",
      reasoning: false,
      input: ["text"],
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: 200000,
      maxTokens: 8192,
      known: false,
    });
  });

  it("carries provider headers and the organisation id", () => {
    const cfg: OpenClawConfig = { models: { providers: { kilocode: { baseUrl: "https://x/", headers: { "X-A": "1" }, organizationId: "org", models: [] } } } };
    const model = resolveModelDefinition({ cfg, ref: { provider: "kilocode", model: "anthropic/claude-opus-4.6" }, env: {}, agentDir: state().agentDir });
    expect(model).toMatchObject({ known: true, providerHeaders: { "X-A": "1" }, organizationId: "org", reasoning: true });
  });

  it("rejects an unknown provider with the known ones", () => {
    expect(() => resolveModelDefinition({ cfg: {}, ref: { provider: "nope", model: "x" }, env: {}, agentDir: state().agentDir })).toThrow(/Unknown provider "nope"/);
  });
});
