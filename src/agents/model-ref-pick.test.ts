import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../config/types.js";
import type { AuthProfileStore } from "./auth-profiles/index.js";
import { resolveRunModelRef } from "./model-ref-pick.js";

const emptyStore: AuthProfileStore = { version: 1, profiles: {} };
const kiloOnly = { HOME: "/nonexistent-home", KILOCODE_API_KEY: "sk-kilo-123456" };

function pick(raw: string | undefined, cfg: OpenClawConfig = {}, env: Record<string, string> = kiloOnly) {
  return resolveRunModelRef({ cfg, env, store: emptyStore, ...(raw !== undefined ? { raw } : {}) });
}

describe("resolveRunModelRef", () => {
  it("uses the configured default model when there is one", async () => {
    const cfg: OpenClawConfig = { agents: { defaults: { model: { primary: "openrouter/auto" } } } };
    expect(await pick(undefined, cfg)).toEqual({ provider: "openrouter", model: "auto" });
  });

  it("without a default model, picks the provider that has a key instead of failing on Anthropic", async () => {
    expect(await pick(undefined)).toEqual({ provider: "kilocode", model: "anthropic/claude-opus-4.6" });
    expect(await pick(undefined, {}, { HOME: "/nonexistent-home", OPENAI_API_KEY: "sk-o" })).toEqual({ provider: "openai", model: "gpt-5.2" });
  });

  it("reads a bare provider id as that provider's default model", async () => {
    expect(await pick("kilocode")).toEqual({ provider: "kilocode", model: "anthropic/claude-opus-4.6" });
    expect(await pick(" OpenRouter ")).toEqual({ provider: "openrouter", model: "auto" });
  });

  it("lets an alias win over a provider id of the same name", async () => {
    const cfg: OpenClawConfig = { agents: { defaults: { models: { "kilocode/z-ai/glm-5:free": { alias: "openai" } } } } };
    expect(await pick("openai", cfg)).toEqual({ provider: "kilocode", model: "z-ai/glm-5:free" });
  });

  it("suggests the gateway-prefixed ref when only the gateway has a key", async () => {
    await expect(pick("anthropic/claude-sonnet-4.5")).rejects.toMatchObject({
      code: "NO_API_KEY",
      message: 'No API key found for provider "anthropic".',
      hint: expect.stringContaining("use --model kilocode/anthropic/claude-sonnet-4.5"),
    });
  });

  it("passes refs through untouched when their provider has a key or no gateway can help", async () => {
    expect(await pick("kilocode/anthropic/claude-sonnet-4.5")).toEqual({ provider: "kilocode", model: "anthropic/claude-sonnet-4.5" });
    const none = { HOME: "/nonexistent-home" };
    expect(await pick("anthropic/claude-sonnet-4.5", {}, none)).toEqual({ provider: "anthropic", model: "claude-sonnet-4.5" });
  });

  it("refuses a blank or malformed ref", async () => {
    await expect(pick("  ")).rejects.toMatchObject({ code: "MODEL_REF" });
    await expect(pick("kilocode/")).rejects.toMatchObject({ code: "MODEL_REF" });
  });
});
