import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../config/types.js";
import {
  applyAuthProfileConfig,
  applyKilocodeConfig,
  applyKilocodeProviderConfig,
  applyOpenrouterProviderConfig,
  KILOCODE_BASE_URL,
} from "./onboard-auth.config-core.js";
import { kilocode } from "../providers/kilocode.js";
import { specModels } from "../providers/models.js";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const REF = "kilocode/anthropic/claude-opus-4.6";

describe("KILOCODE_BASE_URL", () => {
  it("is the gateway URL with its trailing slash", () => {
    expect(KILOCODE_BASE_URL).toBe("https://api.kilo.ai/api/gateway/");
  });
});

describe("applyKilocodeProviderConfig", () => {
  it("adds the alias, the provider block and the whole catalog (default first), without setting the primary", () => {
    const next = applyKilocodeProviderConfig({});
    expect(next.models?.providers?.kilocode?.models[0]).toMatchObject({ id: "anthropic/claude-opus-4.6", contextWindow: 1_000_000, maxTokens: 128_000 });
    expect(next.models?.providers?.kilocode?.models).toHaveLength(10);
    expect(next.agents?.defaults?.models?.[REF]).toEqual({ alias: "Kilo Gateway" });
    expect(next.agents?.defaults?.model).toBeUndefined();
    expect(next.models).toEqual({
      mode: "merge",
      providers: {
        kilocode: {
          baseUrl: "https://api.kilo.ai/api/gateway/",
          api: "openai-completions",
          models: specModels(kilocode),
        },
      },
    });
  });

  it("keeps an existing alias and other fields of the model entry", () => {
    const next = applyKilocodeProviderConfig({ agents: { defaults: { models: { [REF]: { alias: "Opus", params: { cacheControlTtl: "1h" } } } } } });
    expect(next.agents?.defaults?.models?.[REF]).toEqual({ alias: "Opus", params: { cacheControlTtl: "1h" } });
  });

  it("resets baseUrl and api but keeps other provider fields, and a trimmed string apiKey", () => {
    const cfg: OpenClawConfig = {
      models: {
        providers: {
          kilocode: { baseUrl: "https://custom/", api: "openai-responses", apiKey: "  sk-cfg  ", headers: { "X-A": "1" }, models: [] },
        },
      },
    };
    const block = applyKilocodeProviderConfig(cfg).models?.providers?.kilocode;
    expect(block).toMatchObject({ baseUrl: KILOCODE_BASE_URL, api: "openai-completions", apiKey: "sk-cfg", headers: { "X-A": "1" } });
  });

  it("drops a blank apiKey", () => {
    const cfg: OpenClawConfig = { models: { providers: { kilocode: { baseUrl: "x", apiKey: "   ", models: [] } } } };
    expect(applyKilocodeProviderConfig(cfg).models?.providers?.kilocode).not.toHaveProperty("apiKey");
  });

  it("re-onboarding adds the missing catalog entries after the user's, never removing or overwriting one", () => {
    const user = { id: "minimax/minimax-m2.5:free", name: "Minimax" };
    const mine = { id: "my/own-model", name: "Mine" };
    const custom = { id: "anthropic/claude-opus-4.6", name: "My Opus", contextWindow: 1_000_000 };
    const next = applyKilocodeProviderConfig({ models: { providers: { kilocode: { baseUrl: "x", models: [custom, user, mine] } } } });
    const models = next.models?.providers?.kilocode?.models ?? [];
    expect(models.slice(0, 3)).toEqual([custom, user, mine]);
    const catalogIds = specModels(kilocode).map((model) => model.id);
    expect(models.slice(3).map((model) => model.id)).toEqual(catalogIds.filter((id) => id !== custom.id && id !== user.id));
    expect(applyKilocodeProviderConfig(next).models?.providers?.kilocode?.models).toEqual(models);
  });

  it("keeps models.mode, other providers and other models.* keys", () => {
    const cfg: OpenClawConfig = {
      models: { mode: "replace", bedrockDiscovery: { enabled: true }, providers: { moonshot: { baseUrl: "m", models: [] } } },
    };
    const next = applyKilocodeProviderConfig(cfg);
    expect(next.models?.mode).toBe("replace");
    expect(next.models?.bedrockDiscovery).toEqual({ enabled: true });
    expect(next.models?.providers?.moonshot).toEqual({ baseUrl: "m", models: [] });
  });

  it("never mutates its input and keeps unrelated keys", () => {
    const cfg = deepFreeze({
      gateway: { port: 1 },
      channels: { telegram: { enabled: true } },
      agents: { defaults: { workspace: "~/w", models: { "openrouter/auto": { alias: "Router" } } }, list: [{ id: "main" }] },
    }) as OpenClawConfig;
    const next = applyKilocodeProviderConfig(cfg);
    expect(next.gateway).toEqual({ port: 1 });
    expect(next.channels).toEqual({ telegram: { enabled: true } });
    expect(next.agents?.list).toEqual([{ id: "main" }]);
    expect(next.agents?.defaults?.workspace).toBe("~/w");
    expect(next.agents?.defaults?.models?.["openrouter/auto"]).toEqual({ alias: "Router" });
  });
});

describe("applyKilocodeConfig", () => {
  it("also sets the primary model", () => {
    expect(applyKilocodeConfig({}).agents?.defaults?.model).toEqual({ primary: REF });
  });

  it("keeps fallbacks and replaces a string model", () => {
    const withFallbacks = applyKilocodeConfig({ agents: { defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["openrouter/auto"] } } } });
    expect(withFallbacks.agents?.defaults?.model).toEqual({ fallbacks: ["openrouter/auto"], primary: REF });
    expect(applyKilocodeConfig({ agents: { defaults: { model: "openai/gpt-5.2" } } }).agents?.defaults?.model).toEqual({ primary: REF });
  });

  it("does not mutate its input", () => {
    const cfg = deepFreeze({ agents: { defaults: { model: { primary: "a/b", fallbacks: ["c/d"] } } } }) as OpenClawConfig;
    expect(() => applyKilocodeConfig(cfg)).not.toThrow();
    expect(cfg.agents?.defaults?.model).toEqual({ primary: "a/b", fallbacks: ["c/d"] });
  });
});

describe("applyOpenrouterProviderConfig", () => {
  it("only sets the alias: OpenRouter is built into the transport", () => {
    const next = applyOpenrouterProviderConfig({});
    expect(next.agents?.defaults?.models?.["openrouter/auto"]).toEqual({ alias: "OpenRouter" });
    expect(next.models).toBeUndefined();
  });
});

describe("applyAuthProfileConfig", () => {
  it("records the profile and keeps others", () => {
    const cfg: OpenClawConfig = { auth: { profiles: { "openrouter:default": { provider: "openrouter", mode: "api_key" } } } };
    const next = applyAuthProfileConfig(cfg, { profileId: "kilocode:default", provider: "kilocode", mode: "api_key" });
    expect(next.auth?.profiles).toEqual({
      "openrouter:default": { provider: "openrouter", mode: "api_key" },
      "kilocode:default": { provider: "kilocode", mode: "api_key" },
    });
    expect(next.auth?.order).toBeUndefined();
  });

  it("moves the profile to the front of an explicit order", () => {
    const cfg: OpenClawConfig = { auth: { order: { kilocode: ["kilocode:work", "kilocode:default"] } } };
    const next = applyAuthProfileConfig(cfg, { profileId: "kilocode:default", provider: "kilocode", mode: "api_key" });
    expect(next.auth?.order?.kilocode).toEqual(["kilocode:default", "kilocode:work"]);
  });

  it("creates an order when another profile of the provider has a different mode", () => {
    const cfg: OpenClawConfig = { auth: { profiles: { "kilocode:legacy": { provider: "kilocode", mode: "oauth" } } } };
    const next = applyAuthProfileConfig(cfg, { profileId: "kilocode:default", provider: "kilocode", mode: "api_key" });
    expect(next.auth?.order?.kilocode).toEqual(["kilocode:default", "kilocode:legacy"]);
  });
});
