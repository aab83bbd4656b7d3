import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import * as onboardAuth from "./onboard-auth.js";

const tempState = useTempState({ beforeEach, afterEach });

describe("onboard-auth barrel", () => {
  it("re-exports the Kilo Gateway constants the design lists", () => {
    expect(onboardAuth.KILOCODE_BASE_URL).toBe("https://api.kilo.ai/api/gateway/");
    expect(onboardAuth.KILOCODE_DEFAULT_MODEL_REF).toBe("kilocode/anthropic/claude-opus-4.6");
    expect(onboardAuth.KILOCODE_DEFAULT_MODEL_ID).toBe("anthropic/claude-opus-4.6");
  });

  it("applyKilocodeProviderConfig adds the provider block and alias without setting the primary", () => {
    const next = onboardAuth.applyKilocodeProviderConfig({});
    expect(next.models?.providers?.kilocode).toMatchObject({ baseUrl: onboardAuth.KILOCODE_BASE_URL, api: "openai-completions" });
    expect(next.models?.providers?.kilocode?.models?.map((model) => model.id)).toContain(onboardAuth.KILOCODE_DEFAULT_MODEL_ID);
    expect(next.agents?.defaults?.models?.[onboardAuth.KILOCODE_DEFAULT_MODEL_REF]).toEqual({ alias: "Kilo Gateway" });
    expect(next.agents?.defaults?.model).toBeUndefined();
  });

  it("applyKilocodeConfig also makes the Kilo default model primary", () => {
    expect(onboardAuth.applyKilocodeConfig({}).agents?.defaults?.model).toEqual({ primary: onboardAuth.KILOCODE_DEFAULT_MODEL_REF });
  });

  it("setKilocodeApiKey writes the kilocode:default api_key profile", async () => {
    await onboardAuth.setKilocodeApiKey("sk-kilo-barrel", tempState().agentDir);
    expect(JSON.parse(readFileSync(tempState().authStorePath, "utf8"))).toEqual({
      version: 1,
      profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-kilo-barrel" } },
    });
  });

  it("buildKilocodeModelDefinition and applyAuthProfileConfig return the real values", () => {
    expect(onboardAuth.buildKilocodeModelDefinition()).toMatchObject({
      id: "anthropic/claude-opus-4.6",
      name: "Claude Opus 4.6",
      contextWindow: onboardAuth.KILOCODE_DEFAULT_CONTEXT_WINDOW,
      maxTokens: onboardAuth.KILOCODE_DEFAULT_MAX_TOKENS,
      cost: onboardAuth.KILOCODE_DEFAULT_COST,
    });
    expect(onboardAuth.applyAuthProfileConfig({}, { profileId: "kilocode:default", provider: "kilocode", mode: "api_key" }).auth?.profiles).toEqual({
      "kilocode:default": { provider: "kilocode", mode: "api_key" },
    });
  });
});
