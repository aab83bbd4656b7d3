/**
 * Per-model request parameters from `agents.defaults.models["<ref>"].params`, and the request rules for
 * proxies: compat flags decide the wire details (cache markers, reasoning format), not vendor branches.
 */
import type { ModelCompatConfig, OpenClawConfig } from "../../config/types.js";
import { KILOCODE_PROVIDER_ID } from "../../providers/kilocode-shared.js";
import { kilocodeHeaders } from "../kilocode-models.js";
import type { ResolvedModel } from "../models-config.providers.js";
import type { EnvRecord } from "../../infra/env.js";

export type CacheRetention = "none" | "short" | "long";
export type ThinkingLevel = "off" | "minimal" | "low" | "medium" | "high";

export type ExtraParams = {
  cacheRetention?: CacheRetention;
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
};

/** Providers that proxy Anthropic and OpenRouter-style routing. */
const OPENROUTER_STYLE_PROVIDERS = new Set(["openrouter", KILOCODE_PROVIDER_ID]);

export function resolveExtraParams(cfg: OpenClawConfig, model: Pick<ResolvedModel, "provider" | "id">): ExtraParams {
  const raw = cfg.agents?.defaults?.models?.[`${model.provider}/${model.id}`]?.params ?? {};
  const out: ExtraParams = {};
  const retention = raw.cacheRetention;
  if (retention === "none" || retention === "short" || retention === "long") out.cacheRetention = retention;
  else if (raw.cacheControlTtl === "1h") out.cacheRetention = "long";
  else if (raw.cacheControlTtl === "5m") out.cacheRetention = "short";
  if (typeof raw.temperature === "number") out.temperature = raw.temperature;
  if (typeof raw.maxTokens === "number" && raw.maxTokens > 0) out.maxTokens = raw.maxTokens;
  // A single stop sequence is accepted as a string; the API wants an array.
  if (typeof raw.stop === "string") out.stop = [raw.stop];
  else if (Array.isArray(raw.stop)) out.stop = raw.stop.filter((item): item is string => typeof item === "string");
  return out;
}

/** Routing models (Kilo Auto) and xAI choose their own reasoning: no effort is injected for them. */
export function skipsReasoningInjection(model: Pick<ResolvedModel, "provider" | "id">): boolean {
  if (model.provider !== KILOCODE_PROVIDER_ID) return false;
  const id = model.id.toLowerCase();
  return id.startsWith("kilo/") || id.startsWith("kilo-auto/") || id.startsWith("x-ai/");
}

/** Our config's compat keys plus the transport flags we derive for OpenRouter-style proxies. */
export type OpenAICompletionsCompatFlags = Omit<ModelCompatConfig, "thinkingFormat"> & {
  cacheControlFormat?: "anthropic";
  thinkingFormat?: ModelCompatConfig["thinkingFormat"] | "openrouter";
};

/** Compat flags detected from provider/model, overridable field by field by `model.compat`. */
export function detectCompat(model: Pick<ResolvedModel, "provider" | "id" | "compat">): OpenAICompletionsCompatFlags {
  const detected: OpenAICompletionsCompatFlags = {};
  if (OPENROUTER_STYLE_PROVIDERS.has(model.provider)) {
    detected.thinkingFormat = "openrouter";
    detected.supportsStore = false;
    if (model.id.toLowerCase().startsWith("anthropic/")) detected.cacheControlFormat = "anthropic";
  }
  return { ...detected, ...(model.compat ?? {}) };
}

/** Headers for a request: provider headers, model headers, then Kilo's feature/org headers. */
export function buildRequestHeaders(model: ResolvedModel, env: EnvRecord): Record<string, string> {
  return {
    ...model.providerHeaders,
    ...model.headers,
    ...(model.provider === KILOCODE_PROVIDER_ID
      ? kilocodeHeaders({ env, ...(model.organizationId ? { organizationId: model.organizationId } : {}) })
      : {}),
  };
}

/**
 * Body fields pi-ai has no option for, applied through its payload hook. Returns undefined when there is
 * nothing to change, so pi-ai keeps its own object.
 */
export function applyPayloadParams(payload: unknown, extra: ExtraParams): unknown {
  if (!extra.stop?.length || !payload || typeof payload !== "object") return undefined;
  return { ...(payload as Record<string, unknown>), stop: extra.stop };
}
