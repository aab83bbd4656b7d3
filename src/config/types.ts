/**
 * Types of `openclaw.json`. Only the sections this slice owns (`models`, `agents.defaults.model(s)`,
 * `auth`, `env`) are typed precisely; every other section is carried as `unknown` and kept verbatim.
 * The valibot schema in `schema.ts` is checked against these types at compile time.
 */

/** Wire APIs understood by the transport (pi-ai names). One list feeds the type and the schema. */
export const MODEL_APIS = [
  "openai-completions",
  "openai-responses",
  "anthropic-messages",
  "google-generative-ai",
  "github-copilot",
  "bedrock-converse-stream",
  "ollama",
] as const;
export type ModelApi = (typeof MODEL_APIS)[number];

export const MODEL_INPUTS = ["text", "image"] as const;
export type ModelInput = (typeof MODEL_INPUTS)[number];

export const PROVIDER_AUTH_MODES = ["api-key", "aws-sdk", "oauth", "token"] as const;
export type ProviderAuthMode = (typeof PROVIDER_AUTH_MODES)[number];

export const AUTH_PROFILE_MODES = ["api_key", "oauth", "token"] as const;
export type AuthProfileMode = (typeof AUTH_PROFILE_MODES)[number];

export type ModelCost = { input: number; output: number; cacheRead: number; cacheWrite: number };

/** How reasoning goes on the wire (pi-ai's names); OpenRouter-style gateways use "openrouter". */
export const THINKING_FORMATS = ["openai", "openrouter", "deepseek", "zai", "qwen", "qwen-chat-template"] as const;
/** Prompt-cache markers: Anthropic-style `cache_control`, or "none" to send none even where the family would. */
export const CACHE_CONTROL_FORMATS = ["anthropic", "none"] as const;

/**
 * Wire quirks of an OpenAI-compatible endpoint. The provider's family supplies defaults; a model's
 * `compat` overrides any of them field by field.
 */
export type ModelCompatConfig = {
  supportsStore?: boolean;
  supportsDeveloperRole?: boolean;
  supportsReasoningEffort?: boolean;
  supportsUsageInStreaming?: boolean;
  supportsStrictMode?: boolean;
  supportsLongCacheRetention?: boolean;
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  thinkingFormat?: (typeof THINKING_FORMATS)[number];
  cacheControlFormat?: (typeof CACHE_CONTROL_FORMATS)[number];
  requiresToolResultName?: boolean;
  requiresAssistantAfterToolResult?: boolean;
  requiresThinkingAsText?: boolean;
  requiresReasoningContentOnAssistantMessages?: boolean;
  requiresMistralToolIds?: boolean;
};

export type ModelDefinitionConfig = {
  id: string;
  name: string;
  api?: ModelApi;
  reasoning?: boolean;
  input?: ModelInput[];
  cost?: ModelCost;
  contextWindow?: number;
  maxTokens?: number;
  headers?: Record<string, string>;
  compat?: ModelCompatConfig;
};

export type ModelProviderConfig = {
  baseUrl: string;
  apiKey?: string;
  auth?: ProviderAuthMode;
  api?: ModelApi;
  headers?: Record<string, string>;
  authHeader?: boolean;
  /** Kilo Gateway organisation scope (sent as X-KiloCode-OrganizationId). */
  organizationId?: string;
  models: ModelDefinitionConfig[];
};

export type ModelsConfig = {
  mode?: "merge" | "replace";
  providers?: Record<string, ModelProviderConfig>;
  [key: string]: unknown;
};

export type AgentModelListConfig = { primary?: string; fallbacks?: string[] };

export type AgentModelEntryConfig = {
  alias?: string;
  params?: Record<string, unknown>;
};

export type AgentDefaultsConfig = {
  /** Upstream also accepts a plain string (the primary ref). */
  model?: AgentModelListConfig | string;
  models?: Record<string, AgentModelEntryConfig>;
  workspace?: string;
  contextPruning?: { mode?: string; [key: string]: unknown };
  /** Seconds a model reply may stay silent (no byte) before the turn gives up; default 120. */
  timeoutSeconds?: number;
  [key: string]: unknown;
};

export type AgentsConfig = {
  defaults?: AgentDefaultsConfig;
  list?: unknown[];
  [key: string]: unknown;
};

export type AuthProfileConfig = { provider: string; mode: AuthProfileMode; email?: string };

export type AuthConfig = {
  profiles?: Record<string, AuthProfileConfig>;
  order?: Record<string, string[]>;
  [key: string]: unknown;
};

export type EnvConfig = {
  shellEnv?: { enabled?: boolean; timeoutMs?: number };
  vars?: Record<string, string>;
  [key: string]: unknown;
};

export type OpenClawConfig = {
  env?: EnvConfig;
  auth?: AuthConfig;
  models?: ModelsConfig;
  agents?: AgentsConfig;
  [key: string]: unknown;
};
