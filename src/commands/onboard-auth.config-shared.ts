/**
 * Pure config edits shared by every provider: `(cfg) => cfg`, returning new objects, never mutating the
 * input, and keeping every key they do not own.
 */
import type { AgentModelEntryConfig, AuthProfileMode, ModelDefinitionConfig, ModelProviderConfig, OpenClawConfig } from "../config/types.js";
import type { ApiKeyProviderSpec } from "../providers/api-key-providers.js";
import { specModels } from "../providers/models.js";

type AgentModels = Record<string, AgentModelEntryConfig>;

/** `agents.defaults.models` with `alias` set on the provider's default ref (an existing alias wins). */
function withDefaultModelAlias(cfg: OpenClawConfig, modelRef: string, alias: string): AgentModels {
  const models: AgentModels = { ...cfg.agents?.defaults?.models };
  models[modelRef] = { ...models[modelRef], alias: models[modelRef]?.alias ?? alias };
  return models;
}

/**
 * The user's models kept as they are (same order, same fields); every built-in model whose id is not
 * listed yet is appended in the spec's order. Re-onboarding therefore adds, never removes or overwrites.
 */
function mergeProviderModels(existing: unknown, defaults: readonly ModelDefinitionConfig[]): ModelDefinitionConfig[] {
  const current = Array.isArray(existing) ? (existing as ModelDefinitionConfig[]) : [];
  // Only the built-in ids are looked up (a set of every listed id cost more than the rest on big configs).
  const missing = new Set(defaults.map((model) => model.id));
  for (let index = 0; index < current.length && missing.size > 0; index++) missing.delete(current[index]!.id);
  // Nothing to add: the list itself, so the config diff sees it unchanged at once.
  return missing.size === 0 ? current : [...current, ...defaults.filter((model) => missing.has(model.id))];
}

/** The provider block: existing fields kept (apiKey only when a non-empty string, trimmed), base URL and api set. */
export function buildProviderConfig(
  existing: ModelProviderConfig | undefined,
  params: { baseUrl: string; api: ModelProviderConfig["api"]; models: ModelDefinitionConfig[] },
): ModelProviderConfig {
  const { apiKey: existingApiKey, ...rest } = (existing ?? {}) as Partial<ModelProviderConfig>;
  const apiKey = typeof existingApiKey === "string" ? existingApiKey.trim() : undefined;
  return {
    ...rest,
    baseUrl: params.baseUrl,
    api: params.api,
    ...(apiKey ? { apiKey } : {}),
    models: params.models,
  };
}

/** Writes agent model entries and providers; `models.mode` kept or "merge"; other `models.*` keys kept. */
function applyAgentModelsAndProviders(
  cfg: OpenClawConfig,
  params: { agentModels: AgentModels; providers?: Record<string, ModelProviderConfig> },
): OpenClawConfig {
  const next: OpenClawConfig = {
    ...cfg,
    agents: { ...cfg.agents, defaults: { ...cfg.agents?.defaults, models: params.agentModels } },
  };
  if (params.providers) {
    next.models = { ...cfg.models, mode: cfg.models?.mode ?? "merge", providers: params.providers };
  }
  return next;
}

/** Registers a table provider (alias + block when it needs one) without touching the default model. */
export function applyProviderConfigFromSpec(spec: ApiKeyProviderSpec, cfg: OpenClawConfig, options: { baseUrl?: string } = {}): OpenClawConfig {
  const agentModels = withDefaultModelAlias(cfg, spec.defaultModelRef, spec.alias);
  if (!spec.writesProviderBlock) return applyAgentModelsAndProviders(cfg, { agentModels });
  const providers = { ...cfg.models?.providers };
  const existing = providers[spec.id];
  providers[spec.id] = buildProviderConfig(existing, {
    baseUrl: options.baseUrl ?? spec.baseUrl,
    api: spec.api,
    models: mergeProviderModels(existing?.models, specModels(spec)),
  });
  return applyAgentModelsAndProviders(cfg, { agentModels, providers });
}

/** `agents.defaults.model = {fallbacks (kept when it was an array), primary}`. */
export function applyAgentDefaultModelPrimary(cfg: OpenClawConfig, primary: string): OpenClawConfig {
  const existing = cfg.agents?.defaults?.model;
  const fallbacks =
    existing && typeof existing === "object" && Array.isArray(existing.fallbacks) ? existing.fallbacks.map(String) : undefined;
  return {
    ...cfg,
    agents: {
      ...cfg.agents,
      defaults: { ...cfg.agents?.defaults, model: { ...(fallbacks ? { fallbacks } : {}), primary } },
    },
  };
}

export function applyProviderDefaultConfigFromSpec(spec: ApiKeyProviderSpec, cfg: OpenClawConfig, options: { baseUrl?: string } = {}): OpenClawConfig {
  return applyAgentDefaultModelPrimary(applyProviderConfigFromSpec(spec, cfg, options), spec.defaultModelRef);
}

/** Adds an (empty) allowlist entry for a ref when it has none. */
export function ensureModelAllowlistEntry(params: { cfg: OpenClawConfig; modelRef: string }): OpenClawConfig {
  const models = params.cfg.agents?.defaults?.models ?? {};
  if (models[params.modelRef]) return params.cfg;
  return applyAgentModelsAndProviders(params.cfg, { agentModels: { ...models, [params.modelRef]: {} } });
}

/** Sets the primary model (fallbacks kept) and makes sure the allowlist admits it. */
export function applyPrimaryModel(cfg: OpenClawConfig, modelRef: string): OpenClawConfig {
  return applyAgentDefaultModelPrimary(ensureModelAllowlistEntry({ cfg, modelRef }), modelRef);
}

/**
 * Records `auth.profiles[profileId] = {provider, mode}`. An explicit `auth.order[provider]` is kept in
 * sync (new profile first by default); when other profiles of the provider use another mode, an order
 * is created so the new profile wins.
 */
export function applyAuthProfileConfig(
  cfg: OpenClawConfig,
  params: { profileId: string; provider: string; mode: AuthProfileMode; email?: string; preferProfileFirst?: boolean },
): OpenClawConfig {
  const preferFirst = params.preferProfileFirst ?? true;
  const profiles = {
    ...cfg.auth?.profiles,
    [params.profileId]: { provider: params.provider, mode: params.mode, ...(params.email ? { email: params.email } : {}) },
  };
  const existingOrder = cfg.auth?.order?.[params.provider];
  let providerOrder: string[] | undefined;
  if (existingOrder) {
    const without = existingOrder.filter((id) => id !== params.profileId);
    providerOrder = preferFirst ? [params.profileId, ...without] : existingOrder.includes(params.profileId) ? existingOrder : [...existingOrder, params.profileId];
  } else {
    const others = Object.entries(cfg.auth?.profiles ?? {}).filter(
      ([id, profile]) => id !== params.profileId && profile.provider === params.provider,
    );
    if (others.some(([, profile]) => profile.mode !== params.mode)) providerOrder = [params.profileId, ...others.map(([id]) => id)];
  }
  const order = providerOrder ? { ...cfg.auth?.order, [params.provider]: providerOrder } : cfg.auth?.order;
  return { ...cfg, auth: { ...cfg.auth, profiles, ...(order ? { order } : {}) } };
}
