/**
 * The runtime facets of a provider, read from its spec: where requests go, what headers they carry, what
 * its family implies for the wire (compat defaults, prompt caching, Gemini transcripts) and which models
 * choose their own reasoning. Providers outside the table (a hand-written `models.providers.<id>` block)
 * get the plain defaults: no extra headers, family `direct`.
 */
import type { ModelCompatConfig } from "../config/types.js";
import type { EnvRecord } from "../infra/env.js";
import { findApiKeyProvider } from "./api-key-providers.js";
import type { AnonymousTierSpec, ProviderFamily, ProviderSpec } from "./spec.js";

/** Families of providers that are not in the table but whose behaviour upstream knows. */
const FAMILIES_OUTSIDE_TABLE: Readonly<Record<string, ProviderFamily>> = {
  // OpenCode Zen proxies Gemini like OpenRouter does (upstream's transcript rule names it).
  opencode: "openrouter-proxy",
};

function providerFamily(providerId: string): ProviderFamily {
  const id = providerId.trim().toLowerCase();
  return findApiKeyProvider(id)?.family ?? FAMILIES_OUTSIDE_TABLE[id] ?? "direct";
}

/** The built-in base URL, or the spec's env override (request and discovery time only; never written). */
export function resolveSpecBaseUrl(spec: Pick<ProviderSpec, "baseUrl" | "baseUrlEnvVar">, env: EnvRecord): string {
  const fromEnv = spec.baseUrlEnvVar ? env[spec.baseUrlEnvVar]?.trim() : undefined;
  return fromEnv || spec.baseUrl;
}

/** Headers the spec adds to every request (chat and catalog): feature and organisation. */
export function providerRequestHeaders(providerId: string, params: { env: EnvRecord; organizationId?: string }): Record<string, string> {
  const headers = findApiKeyProvider(providerId)?.headers;
  if (!headers) return {};
  const out: Record<string, string> = {};
  if (headers.feature) out[headers.feature.name] = params.env[headers.feature.envVar]?.trim() || headers.feature.default;
  if (headers.organization) {
    const orgId = params.env[headers.organization.envVar]?.trim() || params.organizationId?.trim();
    if (orgId) out[headers.organization.name] = orgId;
  }
  return out;
}

/** The organisation a provider's requests are scoped to: its env var, else the config block's `organizationId`. */
export function resolveOrganizationId(providerId: string, params: { env: EnvRecord; configured?: string }): string | undefined {
  const spec = findApiKeyProvider(providerId)?.headers?.organization;
  const fromEnv = spec ? params.env[spec.envVar]?.trim() : undefined;
  return fromEnv || params.configured?.trim() || undefined;
}

/** Model ids that pick their own reasoning effort (routing models): no effort is injected for them. */
export function skipsReasoningInjectionFor(providerId: string, modelId: string): boolean {
  const prefixes = findApiKeyProvider(providerId)?.noReasoningInjectionPrefixes ?? [];
  const id = modelId.toLowerCase();
  return prefixes.some((prefix) => id.startsWith(prefix));
}

const isAnthropicModel = (modelId: string) => modelId.toLowerCase().startsWith("anthropic/");

/** Whether the provider's prompt cache applies to this model (cache-TTL bookkeeping and markers). */
export function familyKeepsPromptCache(providerId: string, modelId: string): boolean {
  const family = providerFamily(providerId);
  if (family === "anthropic") return true;
  return family === "openrouter-proxy" && isAnthropicModel(modelId);
}

/** Whether the provider fronts Gemini models whose thought signatures must be sanitised on replay. */
export function familyProxiesGemini(providerId: string, modelId: string): boolean {
  return providerFamily(providerId) === "openrouter-proxy" && modelId.toLowerCase().includes("gemini");
}

/**
 * The compat flags a family implies: the keys a model's `compat` can override, plus one request rule of
 * ours (not a config key).
 */
export type FamilyCompatFlags = ModelCompatConfig & {
  /** False: OpenAI's `prompt_cache_retention` / `prompt_cache_key` are stripped from the body. */
  supportsPromptCacheRetention?: boolean;
};

/** The compat defaults the family implies for a model (each overridable by `model.compat`). */
export function familyCompatDefaults(providerId: string, modelId: string): FamilyCompatFlags {
  if (providerFamily(providerId) !== "openrouter-proxy") return {};
  return {
    thinkingFormat: "openrouter",
    supportsPromptCacheRetention: false,
    ...(isAnthropicModel(modelId) ? { cacheControlFormat: "anthropic" as const } : {}),
  };
}

/** The provider's keyless tier when it serves this model without a key (e.g. a `:free` model id). */
export function anonymousTierFor(providerId: string, modelId: string): AnonymousTierSpec | undefined {
  const tier = findApiKeyProvider(providerId)?.anonymousTier;
  return tier && modelId.endsWith(tier.modelSuffix) ? tier : undefined;
}

/** The provider's keyless tier, whatever the model (for status displays). */
export function anonymousTierOf(providerId: string): AnonymousTierSpec | undefined {
  return findApiKeyProvider(providerId)?.anonymousTier;
}
