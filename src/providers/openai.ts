/** OpenAI's own API. Built into the transport: onboarding writes no provider block for it. */
import type { ProviderSpec } from "./spec.js";

export const openai = {
  id: "openai", label: "OpenAI", envVars: ["OPENAI_API_KEY"],
  api: "openai-completions", baseUrl: "https://api.openai.com/v1", family: "direct", writesProviderBlock: false,
  defaultModelId: "gpt-5.2", alias: "GPT",
  models: [
    { id: "gpt-5.2", name: "GPT-5.2", reasoning: true, input: ["text", "image"], contextWindow: 400_000, maxTokens: 128_000 },
    { id: "gpt-4.1-mini", name: "GPT-4.1 mini", reasoning: false, input: ["text", "image"], contextWindow: 1_047_576, maxTokens: 32_768 },
  ],
} as const satisfies ProviderSpec;
