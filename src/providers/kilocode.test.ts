import { describe, expect, it } from "vitest";
import { buildKilocodeModelDefinition, KILOCODE_DEFAULT_CONTEXT_WINDOW, KILOCODE_DEFAULT_COST, KILOCODE_DEFAULT_MAX_TOKENS } from "./kilocode-shared.js";
import { kilocode } from "./kilocode.js";
import { specModels } from "./models.js";

/** OpenClaw 2026.2.24's Kilo catalog (issue 10 §1), plus kilo/auto; columns as in the issue's table. */
const CATALOG: [id: string, name: string, input: string, contextWindow: number, maxTokens: number][] = [
  ["anthropic/claude-opus-4.6", "Claude Opus 4.6", "text,image", 1000000, 128000],
  ["z-ai/glm-5:free", "GLM-5 (Free)", "text", 202800, 131072],
  ["minimax/minimax-m2.5:free", "MiniMax M2.5 (Free)", "text", 204800, 131072],
  ["anthropic/claude-sonnet-4.5", "Claude Sonnet 4.5", "text,image", 1000000, 64000],
  ["openai/gpt-5.2", "GPT-5.2", "text,image", 400000, 128000],
  ["google/gemini-3-pro-preview", "Gemini 3 Pro Preview", "text,image", 1048576, 65536],
  ["google/gemini-3-flash-preview", "Gemini 3 Flash Preview", "text,image", 1048576, 65535],
  ["x-ai/grok-code-fast-1", "Grok Code Fast 1", "text", 256000, 10000],
  ["moonshotai/kimi-k2.5", "Kimi K2.5", "text,image", 262144, 65535],
  ["kilo/auto", "Kilo Auto", "text,image", 1000000, 128000],
];

describe("the Kilo catalog", () => {
  it("is the release's table, default first, every entry reasoning with zero cost", () => {
    expect(specModels(kilocode)).toEqual(
      CATALOG.map(([id, name, input, contextWindow, maxTokens]) => ({
        id,
        name,
        reasoning: true,
        input: input.split(","),
        cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
        contextWindow,
        maxTokens,
      })),
    );
  });

  it("the default model and the exported constants agree (the design's default stays)", () => {
    expect(kilocode.defaultModelId).toBe("anthropic/claude-opus-4.6");
    expect(buildKilocodeModelDefinition()).toEqual(specModels(kilocode)[0]);
    expect([KILOCODE_DEFAULT_CONTEXT_WINDOW, KILOCODE_DEFAULT_MAX_TOKENS]).toEqual([1_000_000, 128_000]);
    expect(KILOCODE_DEFAULT_COST).toEqual({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
  });
});
