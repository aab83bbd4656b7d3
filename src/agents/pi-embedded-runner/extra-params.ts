/**
 * Per-model request parameters from `agents.defaults.models["<ref>"].params`, and the request rules for
 * proxies: compat flags decide the wire details (cache markers, reasoning format), not vendor branches.
 */
import type { OpenClawConfig } from "../../config/types.js";
import {
  familyCompatDefaults,
  providerRequestHeaders,
  skipsReasoningInjectionFor,
  type FamilyCompatFlags,
} from "../../providers/facets.js";
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

/** Models the provider spec marks as choosing their own reasoning (routing models): no effort is injected. */
export function skipsReasoningInjection(model: Pick<ResolvedModel, "provider" | "id">): boolean {
  return skipsReasoningInjectionFor(model.provider, model.id);
}

/** The flags handed to the transport: `cacheControlFormat` is "anthropic" or absent there. */
export type OpenAICompletionsCompatFlags = Omit<FamilyCompatFlags, "cacheControlFormat"> & { cacheControlFormat?: "anthropic" };

/**
 * Compat flags: the family's defaults for provider/model, overridable field by field by `model.compat`
 * (every flag, including cache markers and the reasoning format; `cacheControlFormat: "none"` turns the
 * family's markers off).
 */
export function detectCompat(model: Pick<ResolvedModel, "provider" | "id" | "compat">): OpenAICompletionsCompatFlags {
  const { cacheControlFormat, ...rest } = { ...familyCompatDefaults(model.provider, model.id), ...(model.compat ?? {}) };
  return { ...rest, ...(cacheControlFormat === "anthropic" ? { cacheControlFormat } : {}) };
}

/** Headers for a request: provider headers, model headers, then the spec's feature/organisation headers. */
export function buildRequestHeaders(model: ResolvedModel, env: EnvRecord): Record<string, string> {
  return {
    ...model.providerHeaders,
    ...model.headers,
    ...providerRequestHeaders(model.provider, { env, ...(model.organizationId ? { organizationId: model.organizationId } : {}) }),
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
