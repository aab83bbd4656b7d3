/**
 * Every API-key provider this slice knows, as data. The CLI flags, the wizard's picker, auth-choice
 * inference, env-key lookup, credential setters and config appliers are all derived from this table;
 * the per-provider names the design asks for (`setKilocodeApiKey`, `applyKilocodeConfig`, ...) are thin
 * exports over the generic code that reads it.
 */
import type { ModelApi, ModelDefinitionConfig } from "../config/types.js";
import type { AuthChoice, AuthChoiceGroupId, ProviderApiKeyOptionKey } from "../commands/onboard-types.js";
import {
  KILOCODE_BASE_URL,
  KILOCODE_DEFAULT_MODEL_ID,
  KILOCODE_ENV_VAR,
  KILOCODE_PROVIDER_ID,
  buildKilocodeDefaultModel,
} from "./kilocode-shared.js";

export type ApiKeyProviderSpec = {
  /** Provider id used in model refs (`<id>/<model>`), auth profiles and `models.providers`. */
  id: string;
  label: string;
  /** Env vars tried in order; the first one set wins. The last one is the canonical API-key var. */
  envVars: readonly string[];
  authChoice: AuthChoice;
  profileId: string;
  group: { id: AuthChoiceGroupId; label: string; hint: string };
  option: { label: string; hint?: string };
  flag: { optionKey: ProviderApiKeyOptionKey; cliFlag: `--${string}`; cliOption: `--${string} <key>`; description: string };
  promptMessage: string;
  defaultModelRef: string;
  defaultModelId: string;
  /** Alias written for the default model into `agents.defaults.models`. */
  alias: string;
  api: ModelApi;
  baseUrl: string;
  /**
   * Whether onboarding writes a `models.providers.<id>` block. Providers built into the transport
   * (OpenRouter, OpenAI, Anthropic) need none; Kilo Gateway does.
   */
  writesProviderBlock: boolean;
  /** Built-in model definitions; the first is the default model. */
  models: () => ModelDefinitionConfig[];
};

const textOnly = (id: string, name: string, extra: Partial<ModelDefinitionConfig> = {}): ModelDefinitionConfig => ({
  id,
  name,
  reasoning: false,
  input: ["text"],
  ...extra,
});

export const API_KEY_PROVIDERS: readonly ApiKeyProviderSpec[] = [
  {
    id: "anthropic",
    label: "Anthropic",
    envVars: ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
    authChoice: "apiKey",
    profileId: "anthropic:default",
    group: { id: "anthropic", label: "Anthropic", hint: "API key" },
    option: { label: "Anthropic API key" },
    flag: {
      optionKey: "anthropicApiKey",
      cliFlag: "--anthropic-api-key",
      cliOption: "--anthropic-api-key <key>",
      description: "Anthropic API key",
    },
    promptMessage: "Enter Anthropic API key",
    defaultModelRef: "anthropic/claude-opus-4-6",
    defaultModelId: "claude-opus-4-6",
    alias: "Claude Opus",
    api: "anthropic-messages",
    baseUrl: "https://api.anthropic.com",
    writesProviderBlock: false,
    models: () => [
      textOnly("claude-opus-4-6", "Claude Opus 4.6", { reasoning: true, input: ["text", "image"], contextWindow: 200_000, maxTokens: 32_000 }),
      textOnly("claude-sonnet-4-5", "Claude Sonnet 4.5", { reasoning: true, input: ["text", "image"], contextWindow: 200_000, maxTokens: 64_000 }),
    ],
  },
  {
    id: "openai",
    label: "OpenAI",
    envVars: ["OPENAI_API_KEY"],
    authChoice: "openai-api-key",
    profileId: "openai:default",
    group: { id: "openai", label: "OpenAI", hint: "API key" },
    option: { label: "OpenAI API key" },
    flag: { optionKey: "openaiApiKey", cliFlag: "--openai-api-key", cliOption: "--openai-api-key <key>", description: "OpenAI API key" },
    promptMessage: "Enter OpenAI API key",
    defaultModelRef: "openai/gpt-5.2",
    defaultModelId: "gpt-5.2",
    alias: "GPT",
    api: "openai-completions",
    baseUrl: "https://api.openai.com/v1",
    writesProviderBlock: false,
    models: () => [
      textOnly("gpt-5.2", "GPT-5.2", { reasoning: true, input: ["text", "image"], contextWindow: 400_000, maxTokens: 128_000 }),
      textOnly("gpt-4.1-mini", "GPT-4.1 mini", { input: ["text", "image"], contextWindow: 1_047_576, maxTokens: 32_768 }),
    ],
  },
  {
    id: "openrouter",
    label: "OpenRouter",
    envVars: ["OPENROUTER_API_KEY"],
    authChoice: "openrouter-api-key",
    profileId: "openrouter:default",
    group: { id: "openrouter", label: "OpenRouter", hint: "API key" },
    option: { label: "OpenRouter API key" },
    flag: {
      optionKey: "openrouterApiKey",
      cliFlag: "--openrouter-api-key",
      cliOption: "--openrouter-api-key <key>",
      description: "OpenRouter API key",
    },
    promptMessage: "Enter OpenRouter API key",
    defaultModelRef: "openrouter/auto",
    defaultModelId: "auto",
    alias: "OpenRouter",
    api: "openai-completions",
    baseUrl: "https://openrouter.ai/api/v1",
    writesProviderBlock: false,
    models: () => [
      textOnly("auto", "OpenRouter Auto", { input: ["text", "image"], contextWindow: 200_000, maxTokens: 8192 }),
    ],
  },
  {
    id: KILOCODE_PROVIDER_ID,
    label: "Kilo Gateway",
    envVars: [KILOCODE_ENV_VAR],
    authChoice: "kilocode-api-key",
    profileId: "kilocode:default",
    group: { id: "kilocode", label: "Kilo Gateway", hint: "API key (OpenRouter-compatible)" },
    option: { label: "Kilo Gateway API key", hint: "OpenRouter-compatible gateway" },
    flag: {
      optionKey: "kilocodeApiKey",
      cliFlag: "--kilocode-api-key",
      cliOption: "--kilocode-api-key <key>",
      description: "Kilo Gateway API key",
    },
    promptMessage: "Enter Kilo Gateway API key",
    defaultModelRef: `${KILOCODE_PROVIDER_ID}/${KILOCODE_DEFAULT_MODEL_ID}`,
    defaultModelId: KILOCODE_DEFAULT_MODEL_ID,
    alias: "Kilo Gateway",
    api: "openai-completions",
    baseUrl: KILOCODE_BASE_URL,
    writesProviderBlock: true,
    models: () => [buildKilocodeDefaultModel()],
  },
];

export function findApiKeyProvider(providerId: string): ApiKeyProviderSpec | undefined {
  const id = normalizeProviderId(providerId);
  return API_KEY_PROVIDERS.find((spec) => spec.id === id);
}

export function findApiKeyProviderByAuthChoice(choice: string): ApiKeyProviderSpec | undefined {
  return API_KEY_PROVIDERS.find((spec) => spec.authChoice === choice);
}

/** Looks a provider up by id, failing loudly: used for the design's per-provider named exports. */
export function requireApiKeyProvider(providerId: string): ApiKeyProviderSpec {
  const spec = findApiKeyProvider(providerId);
  if (!spec) throw new Error(`Unknown API-key provider "${providerId}"`);
  return spec;
}

/** Provider ids compare trimmed and lowercased everywhere (config keys, refs, profiles). */
export function normalizeProviderId(provider: string): string {
  return provider.trim().toLowerCase();
}
