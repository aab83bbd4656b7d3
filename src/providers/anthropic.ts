/** Anthropic's own API. Built into the transport: onboarding writes no provider block for it. */
import type { ProviderSpec } from "./spec.js";

export const anthropic = {
  id: "anthropic", label: "Anthropic", envVars: ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
  api: "anthropic-messages", baseUrl: "https://api.anthropic.com", family: "anthropic", writesProviderBlock: false,
  defaultModelId: "claude-opus-4-6", alias: "Claude Opus",
  // Upstream's name for this choice predates the `<id>-api-key` convention.
  authChoice: "apiKey",
  models: [
    { id: "claude-opus-4-6", name: "Claude Opus 4.6", reasoning: true, input: ["text", "image"], contextWindow: 200_000, maxTokens: 32_000 },
    { id: "claude-sonnet-4-5", name: "Claude Sonnet 4.5", reasoning: true, input: ["text", "image"], contextWindow: 200_000, maxTokens: 64_000 },
  ],
} as const satisfies ProviderSpec;
