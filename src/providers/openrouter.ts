/** OpenRouter: the original OpenRouter-style proxy. Built into the transport: no provider block. */
import type { ProviderSpec } from "./spec.js";

export const openrouter = {
  id: "openrouter", label: "OpenRouter", envVars: ["OPENROUTER_API_KEY"],
  api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", family: "openrouter-proxy", writesProviderBlock: false,
  defaultModelId: "auto", alias: "OpenRouter",
  models: [{ id: "auto", name: "OpenRouter Auto", reasoning: false, input: ["text", "image"], contextWindow: 200_000, maxTokens: 8192 }],
} as const satisfies ProviderSpec;
