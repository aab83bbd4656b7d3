import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../../config/types.js";
import { checkModelRef } from "./model-ref-check.js";

const env = {};
const cfg: OpenClawConfig = { agents: { defaults: { models: { "kilocode/z-ai/glm-5:free": { alias: "glm" } } } } };

describe("checkModelRef", () => {
  it("accepts listed models and aliases, canonicalising the provider", () => {
    expect(checkModelRef({ raw: "OpenAI/gpt-5.2", cfg, env })).toEqual({ ref: { provider: "openai", model: "gpt-5.2" }, key: "openai/gpt-5.2" });
    expect(checkModelRef({ raw: "glm", cfg, env }).key).toBe("kilocode/z-ai/glm-5:free");
  });

  it("passes gateway model ids through without a note", () => {
    expect(checkModelRef({ raw: "kilocode/some-vendor/new-model", cfg, env })).toEqual({
      ref: { provider: "kilocode", model: "some-vendor/new-model" },
      key: "kilocode/some-vendor/new-model",
    });
  });

  it("refuses an unknown provider and suggests the gateway-prefixed ref", () => {
    expect(() => checkModelRef({ raw: "z-ai/glm-5:free", cfg, env })).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('Unknown provider "z-ai"'),
        hint: expect.stringContaining("Did you mean kilocode/z-ai/glm-5:free?"),
      }),
    );
  });

  it("accepts a vendor ref the direct provider does not list, with a note naming the gateway model", () => {
    const checked = checkModelRef({ raw: "anthropic/claude-opus-4.6", cfg, env });
    expect(checked.key).toBe("anthropic/claude-opus-4.6");
    expect(checked.note).toContain("use kilocode/anthropic/claude-opus-4.6");
    expect(checkModelRef({ raw: "openai/gpt-9", cfg, env }).note).toContain("it will be sent as is");
  });

  it("rejects an empty or malformed ref", () => {
    expect(() => checkModelRef({ raw: " ", cfg, env })).toThrow(/expected provider\/model/);
    expect(() => checkModelRef({ raw: "kilocode/", cfg, env })).toThrow(/expected provider\/model/);
  });
});
