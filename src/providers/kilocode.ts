/**
 * Kilo Gateway: an OpenRouter-style, OpenAI-compatible gateway. Every Kilo fact lives here; the design's
 * named exports (`KILOCODE_BASE_URL`, `applyKilocodeConfig`, ...) are views over this object.
 */
import type { ProviderSpec } from "./spec.js";

const FREE = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } as const;

export const kilocode = {
  id: "kilocode",
  label: "Kilo Gateway",
  envVars: ["KILOCODE_API_KEY"],
  hints: { group: "API key (OpenRouter-compatible)", option: "OpenRouter-compatible gateway" },
  api: "openai-completions",
  // The trailing slash is part of the value (request paths are joined onto it).
  baseUrl: "https://api.kilo.ai/api/gateway/",
  baseUrlEnvVar: "KILOCODE_API_BASE_URL",
  family: "openrouter-proxy",
  // Onboarding writes `models.providers.kilocode`; a key alone makes it an implicit provider.
  writesProviderBlock: true,
  defaultModelId: "anthropic/claude-opus-4.6",
  creditsUrl: "https://app.kilo.ai/profile",
  alias: "Kilo Gateway",
  headers: {
    feature: { name: "X-KILOCODE-FEATURE", envVar: "KILOCODE_FEATURE", default: "openclaw" },
    organization: { name: "X-KiloCode-OrganizationId", envVar: "KILOCODE_ORG_ID" },
  },
  // Kilo's routing models and xAI pick their own reasoning effort.
  noReasoningInjectionPrefixes: ["kilo/", "kilo-auto/", "x-ai/"],
  catalog: {
    path: "models",
    cacheFile: "kilocode-models.json",
    ttlEnvVar: "OPENCLAW_KILOCODE_CATALOG_TTL_MS",
    label: "Kilo catalog",
    browseLabel: "Browse all Kilo models",
    modelsLabel: "Kilo models",
    defaultContextWindow: 200_000,
    defaultMaxTokens: 8192,
  },
  // `:free` models answer without a key, within a per-IP limit; a key lifts it.
  anonymousTier: { modelSuffix: ":free", limit: "200 requests per hour per IP address" },
  // Kilo's account API, at the origin of the effective base URL (https://api.kilo.ai by default).
  account: {
    deviceAuth: {
      authChoice: "kilocode-device",
      option: { label: "Sign in with browser", hint: "device code: approve in the browser, no key to copy" },
      startPath: "/api/device-auth/codes",
      pollPath: "/api/device-auth/codes/{code}",
      pollIntervalMs: 3000,
      rateLimitedMessage: "Too many pending Kilo sign-ins from this network (at most 5)",
    },
    profilePath: "/api/profile",
    balancePath: "/api/profile/balance",
    organizationFlag: { cliFlag: "--kilocode-org", optionKey: "kilocodeOrg" },
  },
  // OpenClaw 2026.2.24's catalog (default first, zero cost: Kilo bills per request), plus kilo/auto, Kilo's
  // smart router (later OpenClaw's default). Onboarding writes all of them; a user's entry with the same id wins.
  models: [
    { id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 1_000_000, maxTokens: 128_000 },
    { id: "z-ai/glm-5:free", name: "GLM-5 (Free)", reasoning: true, input: ["text"], cost: FREE, contextWindow: 202_800, maxTokens: 131_072 },
    { id: "minimax/minimax-m2.5:free", name: "MiniMax M2.5 (Free)", reasoning: true, input: ["text"], cost: FREE, contextWindow: 204_800, maxTokens: 131_072 },
    { id: "anthropic/claude-sonnet-4.5", name: "Claude Sonnet 4.5", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 1_000_000, maxTokens: 64_000 },
    { id: "openai/gpt-5.2", name: "GPT-5.2", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 400_000, maxTokens: 128_000 },
    { id: "google/gemini-3-pro-preview", name: "Gemini 3 Pro Preview", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 1_048_576, maxTokens: 65_536 },
    { id: "google/gemini-3-flash-preview", name: "Gemini 3 Flash Preview", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 1_048_576, maxTokens: 65_535 },
    { id: "x-ai/grok-code-fast-1", name: "Grok Code Fast 1", reasoning: true, input: ["text"], cost: FREE, contextWindow: 256_000, maxTokens: 10_000 },
    { id: "moonshotai/kimi-k2.5", name: "Kimi K2.5", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 262_144, maxTokens: 65_535 },
    { id: "kilo/auto", name: "Kilo Auto", reasoning: true, input: ["text", "image"], cost: FREE, contextWindow: 1_000_000, maxTokens: 128_000 },
  ],
} as const satisfies ProviderSpec;
