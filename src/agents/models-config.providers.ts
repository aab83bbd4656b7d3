/**
 * The providers the runtime can use: built-in ones from the provider table, implicit ones (a provider whose
 * spec writes a block, when a key exists but no block was written), and the user's `models.providers` on top (`models.mode`
 * merge/replace). Model definitions get OpenClaw's runtime defaults, never written back.
 */
import type { ModelApi, ModelCompatConfig, ModelCost, ModelDefinitionConfig, ModelInput, ModelProviderConfig, OpenClawConfig } from "../config/types.js";
import { OpenClawError } from "../infra/errors.js";
import { API_KEY_PROVIDERS, normalizeProviderId, type ApiKeyProviderSpec } from "../providers/api-key-providers.js";
import { resolveSpecBaseUrl } from "../providers/facets.js";
import { specModels } from "../providers/models.js";
import { ensureAuthProfileStore, resolveProfileSecret, type AuthProfileStore } from "./auth-profiles/index.js";
import { resolveEnvApiKey } from "./model-auth.js";
import { gatewayRefSuggestion } from "./model-ref-suggest.js";
import type { ModelRef } from "./model-selection.js";
import type { EnvRecord } from "../infra/env.js";

export const DEFAULT_CONTEXT_TOKENS = 200_000;
export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_MODEL_COST: ModelCost = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

/** The provider as its spec declares it; the spec's base-URL env var lets hosted deployments point it elsewhere. */
function builtInProvider(spec: ApiKeyProviderSpec, env: EnvRecord): ModelProviderConfig {
  return { baseUrl: resolveSpecBaseUrl(spec, env), api: spec.api, models: specModels(spec) };
}

function hasStoredKey(store: AuthProfileStore, provider: string, env: EnvRecord): boolean {
  return Object.values(store.profiles).some(
    (credential) =>
      normalizeProviderId(credential.provider) === provider &&
      credential.type !== "oauth" &&
      resolveProfileSecret(credential, env) !== undefined,
  );
}

/** Providers whose spec writes a block and that have a key in the env or the store, but no block in config. */
export function resolveImplicitProviders(params: { env?: EnvRecord; agentDir?: string; store?: AuthProfileStore }): Record<string, ModelProviderConfig> {
  const env = params.env ?? process.env;
  const implicit: Record<string, ModelProviderConfig> = {};
  let store = params.store;
  for (const spec of API_KEY_PROVIDERS) {
    if (!spec.writesProviderBlock) continue;
    const hasEnvKey = resolveEnvApiKey(spec.id, env) !== null;
    if (!hasEnvKey) {
      store ??= safeStore(params.agentDir, env);
      if (!hasStoredKey(store, spec.id, env)) continue;
    }
    implicit[spec.id] = builtInProvider(spec, env);
  }
  return implicit;
}

function safeStore(agentDir: string | undefined, env: EnvRecord): AuthProfileStore {
  try {
    return ensureAuthProfileStore(agentDir, { env });
  } catch {
    // A broken store is reported where credentials are read; listing providers should still work.
    return { version: 1, profiles: {} };
  }
}

/** Merges model lists by id: entries of `primary` win field by field; models only in `secondary` are appended. */
export function mergeModelsById(primary: readonly ModelDefinitionConfig[], secondary: readonly ModelDefinitionConfig[]): ModelDefinitionConfig[] {
  const byId = new Map(secondary.map((model) => [model.id, model]));
  const seen = new Set<string>();
  const merged = primary.map((model) => {
    seen.add(model.id);
    const base = byId.get(model.id);
    // A model with no built-in twin is used as it is (never mutated): copying 10 000 of them cost more than the rest.
    return base ? { ...base, ...model } : model;
  });
  for (const model of secondary) if (!seen.has(model.id)) merged.push(model);
  return merged;
}

export type EffectiveProvider = ModelProviderConfig & { id: string; source: "built-in" | "implicit" | "config" };

export function resolveEffectiveProviders(params: { cfg: OpenClawConfig; env?: EnvRecord; agentDir?: string; store?: AuthProfileStore }): Record<string, EffectiveProvider> {
  const env = params.env ?? process.env;
  const result: Record<string, EffectiveProvider> = {};
  for (const spec of API_KEY_PROVIDERS) result[spec.id] = { id: spec.id, source: "built-in", ...builtInProvider(spec, env) };
  const implicit = resolveImplicitProviders({ env, agentDir: params.agentDir, store: params.store });
  for (const [id, block] of Object.entries(implicit)) result[id] = { id, source: "implicit", ...block };

  const replace = params.cfg.models?.mode === "replace";
  for (const [rawId, block] of Object.entries(params.cfg.models?.providers ?? {})) {
    const id = normalizeProviderId(rawId);
    const base = result[id];
    if (!base || replace) {
      result[id] = { ...block, id, source: "config" };
      continue;
    }
    const { models: baseModels, ...baseRest } = base;
    result[id] = {
      ...baseRest,
      ...block,
      id,
      source: "config",
      models: mergeModelsById(block.models ?? [], baseModels),
    };
  }
  return result;
}

export type ResolvedModel = {
  provider: string;
  id: string;
  name: string;
  api: ModelApi;
  baseUrl: string;
  reasoning: boolean;
  input: ModelInput[];
  cost: ModelCost;
  contextWindow: number;
  maxTokens: number;
  headers?: Record<string, string>;
  compat?: ModelCompatConfig;
  providerHeaders?: Record<string, string>;
  organizationId?: string;
  /** False when the id is not listed for the provider and defaults were assumed. */
  known: boolean;
};

/** Fills OpenClaw's runtime defaults into a model definition. */
export function applyModelDefaults(model: ModelDefinitionConfig, provider: ModelProviderConfig): Omit<ResolvedModel, "provider" | "baseUrl" | "known" | "providerHeaders" | "organizationId"> {
  const contextWindow = model.contextWindow ?? DEFAULT_CONTEXT_TOKENS;
  return {
    id: model.id,
    name: model.name,
    api: model.api ?? provider.api ?? "openai-completions",
    reasoning: model.reasoning ?? false,
    input: model.input ?? ["text"],
    cost: model.cost ?? { ...DEFAULT_MODEL_COST },
    contextWindow,
    maxTokens: model.maxTokens ?? Math.min(DEFAULT_MAX_TOKENS, contextWindow),
    ...(model.headers ? { headers: model.headers } : {}),
    ...(model.compat ? { compat: model.compat } : {}),
  };
}

export function resolveModelDefinition(params: { cfg: OpenClawConfig; ref: ModelRef; env?: EnvRecord; agentDir?: string; store?: AuthProfileStore }): ResolvedModel {
  const providers = resolveEffectiveProviders(params);
  const provider = providers[normalizeProviderId(params.ref.provider)];
  if (!provider) {
    const raw = `${params.ref.provider}/${params.ref.model}`;
    // `minimax/minimax-m2.5:free` is Kilo's own naming: the gateway-prefixed ref is what was meant.
    const suggestion = gatewayRefSuggestion(raw, providers, { anyGateway: true });
    throw new OpenClawError("UNKNOWN_PROVIDER", `Unknown provider "${params.ref.provider}" in model "${raw}".`, {
      hint:
        (suggestion ? `Did you mean ${suggestion}? ` : "") +
        `Known providers: ${Object.keys(providers).join(", ")}. Add a models.providers.${params.ref.provider} block to openclaw.json to use another one.`,
    });
  }
  const listed = provider.models.find((model) => model.id === params.ref.model);
  const definition = listed ?? { id: params.ref.model, name: params.ref.model };
  return {
    provider: provider.id,
    baseUrl: provider.baseUrl,
    ...applyModelDefaults(definition, provider),
    ...(provider.headers ? { providerHeaders: provider.headers } : {}),
    ...(provider.organizationId ? { organizationId: provider.organizationId } : {}),
    known: listed !== undefined,
  };
}
