import { describe, expect, it } from "vitest";
import * as onboardAuth from "./onboard-auth.js";

describe("onboard-auth barrel", () => {
  it("re-exports the Kilo Gateway helpers the design lists", () => {
    expect(typeof onboardAuth.applyKilocodeConfig).toBe("function");
    expect(typeof onboardAuth.applyKilocodeProviderConfig).toBe("function");
    expect(typeof onboardAuth.setKilocodeApiKey).toBe("function");
    expect(typeof onboardAuth.buildKilocodeModelDefinition).toBe("function");
    expect(onboardAuth.KILOCODE_BASE_URL).toBe("https://api.kilo.ai/api/gateway/");
    expect(onboardAuth.KILOCODE_DEFAULT_MODEL_REF).toBe("kilocode/anthropic/claude-opus-4.6");
    expect(onboardAuth.KILOCODE_DEFAULT_MODEL_ID).toBe("anthropic/claude-opus-4.6");
  });

  it("re-exports working functions, not placeholders", () => {
    expect(onboardAuth.applyKilocodeConfig({}).agents?.defaults?.model).toEqual({ primary: onboardAuth.KILOCODE_DEFAULT_MODEL_REF });
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
