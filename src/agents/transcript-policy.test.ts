import { describe, expect, it } from "vitest";
import { resolveTranscriptPolicy } from "./transcript-policy.js";

describe("resolveTranscriptPolicy", () => {
  it("sanitises kilocode Gemini models like OpenRouter Gemini", () => {
    const kilo = resolveTranscriptPolicy({ modelApi: "openai-completions", provider: "kilocode", modelId: "google/gemini-3-pro-preview" });
    const openrouter = resolveTranscriptPolicy({ modelApi: "openai-completions", provider: "openrouter", modelId: "google/gemini-3-pro-preview" });
    expect(kilo).toEqual(openrouter);
    expect(kilo).toMatchObject({
      sanitizeMode: "full",
      sanitizeThoughtSignatures: { allowBase64Only: true, includeCamelCase: true },
      sanitizeToolCallIds: false,
      repairToolUseResultPairing: false,
      preserveSignatures: false,
      dropThinkingBlocks: false,
      validateGeminiTurns: false,
      validateAnthropicTurns: false,
      allowSyntheticToolResults: false,
    });
    expect(resolveTranscriptPolicy({ provider: "KiloCode", modelId: "Google/GEMINI-3-flash-preview" }).sanitizeMode).toBe("full");
  });

  it("leaves other kilocode models with images-only sanitising and no signature stripping", () => {
    const policy = resolveTranscriptPolicy({ modelApi: "openai-completions", provider: "kilocode", modelId: "anthropic/claude-opus-4.6" });
    expect(policy.sanitizeMode).toBe("images-only");
    expect(policy.sanitizeThoughtSignatures).toBeUndefined();
  });

  it("treats Mistral-family ids as full sanitising with strict9 tool ids", () => {
    const policy = resolveTranscriptPolicy({ modelApi: "openai-completions", provider: "kilocode", modelId: "mistralai/devstral-2" });
    expect(policy).toMatchObject({ sanitizeMode: "full", sanitizeToolCallIds: true, toolCallIdMode: "strict9" });
  });

  it("does not apply the Gemini rule to providers that are not Gemini proxies", () => {
    expect(resolveTranscriptPolicy({ modelApi: "openai-completions", provider: "openai", modelId: "gemini-lookalike" }).sanitizeThoughtSignatures).toBeUndefined();
  });
});
