import { describe, expect, it } from "vitest";
import {
  applyPayloadParams,
  applyRequestPolicy,
  buildRequestHeaders,
  detectCompat,
  resolveExtraParams,
  resolveThinkingLevel,
  skipsReasoningInjection,
} from "./extra-params.js";
import type { ResolvedModel } from "../models-config.providers.js";

const kiloOpus = { provider: "kilocode", id: "anthropic/claude-opus-4.6" };
const withParams = (params: Record<string, unknown>) => ({ agents: { defaults: { models: { "kilocode/anthropic/claude-opus-4.6": { params } } } } });

describe("resolveExtraParams", () => {
  it("maps cacheControlTtl to a retention and prefers an explicit cacheRetention", () => {
    expect(resolveExtraParams(withParams({ cacheControlTtl: "1h" }), kiloOpus)).toEqual({ cacheRetention: "long" });
    expect(resolveExtraParams(withParams({ cacheControlTtl: "5m" }), kiloOpus)).toEqual({ cacheRetention: "short" });
    expect(resolveExtraParams(withParams({ cacheControlTtl: "1h", cacheRetention: "none" }), kiloOpus)).toEqual({ cacheRetention: "none" });
    expect(resolveExtraParams({}, kiloOpus)).toEqual({});
  });

  it("passes temperature and maxTokens, and turns a string stop into an array", () => {
    expect(resolveExtraParams(withParams({ temperature: 0.2, maxTokens: 100, stop: "END" }), kiloOpus)).toEqual({ temperature: 0.2, maxTokens: 100, stop: ["END"] });
    expect(resolveExtraParams(withParams({ stop: ["a", 1, "b"], maxTokens: -1 }), kiloOpus)).toEqual({ stop: ["a", "b"] });
  });
});

describe("detectCompat", () => {
  it("gives kilocode and openrouter anthropic/* models Anthropic cache markers and OpenRouter reasoning", () => {
    expect(detectCompat(kiloOpus)).toEqual({ thinkingFormat: "openrouter", supportsPromptCacheRetention: false, cacheControlFormat: "anthropic" });
    expect(detectCompat({ provider: "openrouter", id: "Anthropic/claude-sonnet-4.5" }).cacheControlFormat).toBe("anthropic");
    expect(detectCompat({ provider: "kilocode", id: "openai/gpt-5.2" }).cacheControlFormat).toBeUndefined();
    expect(detectCompat({ provider: "openai", id: "gpt-5.2" })).toEqual({});
  });

  it("lets model.compat override detected flags field by field", () => {
    expect(detectCompat({ ...kiloOpus, compat: { supportsStore: true, maxTokensField: "max_tokens" } })).toMatchObject({
      supportsStore: true,
      maxTokensField: "max_tokens",
      cacheControlFormat: "anthropic",
    });
  });
});

describe("skipsReasoningInjection", () => {
  it("skips Kilo routing models and x-ai only", () => {
    expect(skipsReasoningInjection({ provider: "kilocode", id: "kilo/auto" })).toBe(true);
    expect(skipsReasoningInjection({ provider: "kilocode", id: "kilo-auto/balanced" })).toBe(true);
    expect(skipsReasoningInjection({ provider: "kilocode", id: "x-ai/grok-code-fast-1" })).toBe(true);
    expect(skipsReasoningInjection(kiloOpus)).toBe(false);
    expect(skipsReasoningInjection({ provider: "openrouter", id: "x-ai/grok" })).toBe(false);
  });
});

describe("buildRequestHeaders", () => {
  const model = { provider: "kilocode", id: "a", providerHeaders: { "X-Team": "blue" }, headers: { "X-Model": "1" } } as unknown as ResolvedModel;
  it("sends the Kilo feature header, overridable, and the organisation from env or config", () => {
    expect(buildRequestHeaders(model, {})).toEqual({ "X-Team": "blue", "X-Model": "1", "X-KILOCODE-FEATURE": "openclaw" });
    expect(buildRequestHeaders({ ...model, organizationId: "org_cfg" }, { KILOCODE_FEATURE: "bot" })).toMatchObject({
      "X-KILOCODE-FEATURE": "bot",
      "X-KiloCode-OrganizationId": "org_cfg",
    });
    expect(buildRequestHeaders({ ...model, organizationId: "org_cfg" }, { KILOCODE_ORG_ID: "org_env" })["X-KiloCode-OrganizationId"]).toBe("org_env");
  });

  it("adds no Kilo headers for other providers", () => {
    expect(buildRequestHeaders({ ...model, provider: "openrouter" }, { KILOCODE_ORG_ID: "x" })).toEqual({ "X-Team": "blue", "X-Model": "1" });
  });
});

describe("applyPayloadParams", () => {
  it("adds stop sequences to the body pi-ai built, and leaves it alone otherwise", () => {
    const payload = { model: "m", stream: true };
    expect(applyPayloadParams(payload, { stop: ["END"] })).toEqual({ model: "m", stream: true, stop: ["END"] });
    expect(payload).not.toHaveProperty("stop");
    expect(applyPayloadParams(payload, {})).toBeUndefined();
    expect(applyPayloadParams(payload, { stop: [] })).toBeUndefined();
  });
});

describe("the request policy (issue 10: the body the releases send)", () => {
  it("strips OpenAI prompt-cache retention fields for gateways that do not take them", () => {
    const payload = { model: "m", prompt_cache_retention: "24h", prompt_cache_key: "s" };
    expect(applyPayloadParams(payload, {}, detectCompat(kiloOpus))).toEqual({ model: "m" });
    expect(applyPayloadParams(payload, {}, detectCompat({ provider: "openai", id: "gpt-5.2" }))).toBeUndefined();
  });

  it("keeps the family's cache markers only when a cache param asks, and never sends effort none", () => {
    const model = { compat: detectCompat(kiloOpus), thinkingLevelMap: { high: "high" } };
    expect(applyRequestPolicy(model, {})).toEqual({ compat: { thinkingFormat: "openrouter", supportsPromptCacheRetention: false }, thinkingLevelMap: { high: "high", off: null } });
    expect(applyRequestPolicy(model, { cacheRetention: "none" }).compat).not.toHaveProperty("cacheControlFormat");
    expect(applyRequestPolicy(model, { cacheRetention: "long" }).compat).toMatchObject({ cacheControlFormat: "anthropic" });
    expect(model.compat).toHaveProperty("cacheControlFormat");
  });

  it("reasoning effort: --thinking, else agents.defaults.thinkingDefault, else low", () => {
    const withDefault = (thinkingDefault: unknown) => ({ agents: { defaults: { thinkingDefault } } });
    expect(resolveThinkingLevel({})).toBe("low");
    expect(resolveThinkingLevel({}, "off")).toBe("off");
    expect(resolveThinkingLevel(withDefault("medium"))).toBe("medium");
    expect(resolveThinkingLevel(withDefault("medium"), "high")).toBe("high");
    expect(resolveThinkingLevel(withDefault("xhigh"))).toBe("high");
    expect(resolveThinkingLevel(withDefault("sideways"))).toBe("low");
  });
});
