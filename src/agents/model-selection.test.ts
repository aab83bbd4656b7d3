import { describe, expect, it } from "vitest";
import { modelKey, parseModelRef, resolveAllowedModelRefs, resolveConfiguredModelRef, resolveModelRefFromString } from "./model-selection.js";

describe("parseModelRef", () => {
  it("splits on the first slash only", () => {
    expect(parseModelRef("kilocode/anthropic/claude-opus-4.6")).toEqual({ provider: "kilocode", model: "anthropic/claude-opus-4.6" });
    expect(parseModelRef("KiloCode/minimax/minimax-m2.5:free")).toEqual({ provider: "kilocode", model: "minimax/minimax-m2.5:free" });
  });

  it("uses the default provider without a slash and rejects empty parts", () => {
    expect(parseModelRef("claude-opus-4-6")).toEqual({ provider: "anthropic", model: "claude-opus-4-6" });
    expect(parseModelRef("kilocode/")).toBeNull();
    expect(parseModelRef("/model")).toBeNull();
    expect(parseModelRef("  ")).toBeNull();
    expect(modelKey("KiloCode", "a/b")).toBe("kilocode/a/b");
  });
});

describe("default model and aliases", () => {
  const cfg = {
    agents: {
      defaults: {
        model: { primary: "Kilo Gateway" },
        models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway" }, "openrouter/auto": {} },
      },
    },
  };

  it("resolves the primary through an alias, or falls back to the built-in default", () => {
    expect(resolveConfiguredModelRef(cfg)).toEqual({ provider: "kilocode", model: "anthropic/claude-opus-4.6" });
    expect(resolveConfiguredModelRef({ agents: { defaults: { model: "kilocode/kilo/auto" } } })).toEqual({ provider: "kilocode", model: "kilo/auto" });
    expect(resolveConfiguredModelRef({})).toEqual({ provider: "anthropic", model: "claude-opus-4-6" });
    expect(resolveModelRefFromString({ raw: "kilo gateway", cfg })).toEqual({ provider: "kilocode", model: "anthropic/claude-opus-4.6" });
  });

  it("treats a non-empty agents.defaults.models as an allowlist that always admits the default", () => {
    expect(resolveAllowedModelRefs({})).toBeUndefined();
    expect([...(resolveAllowedModelRefs(cfg) ?? [])].sort()).toEqual(["kilocode/anthropic/claude-opus-4.6", "openrouter/auto"]);
    expect(resolveAllowedModelRefs(cfg)?.has(modelKey("kilocode", "z-ai/glm-5"))).toBe(false);
  });
});
