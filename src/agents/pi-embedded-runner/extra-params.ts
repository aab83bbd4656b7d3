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

/** What OpenClaw sends when neither `--thinking` nor `agents.defaults.thinkingDefault` says otherwise. */
export const DEFAULT_THINKING_LEVEL: ThinkingLevel = "low";
const THINKING_LEVELS: readonly string[] = ["off", "minimal", "low", "medium", "high"];

/** `--thinking`, else `agents.defaults.thinkingDefault` (OpenClaw's `xhigh` maps to high), else low. */
export function resolveThinkingLevel(cfg: OpenClawConfig, requested?: ThinkingLevel): ThinkingLevel {
  if (requested) return requested;
  const configured = cfg.agents?.defaults?.thinkingDefault;
  if (typeof configured !== "string") return DEFAULT_THINKING_LEVEL;
  const level = configured.trim().toLowerCase();
  if (level === "xhigh") return "high";
  return THINKING_LEVELS.includes(level) ? (level as ThinkingLevel) : DEFAULT_THINKING_LEVEL;
}

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

/** The model fields the request policy reads and rewrites (pi-ai's model object has more). */
type PolicyModel = { compat?: object; thinkingLevelMap?: Record<string, string | null | undefined> };

/**
 * The transport's model as this request should see it:
 * - our family's Anthropic cache markers only when `cacheRetention`/`cacheControlTtl` asks for them
 *   (otherwise pi-ai's own detection applies, which never marks a Kilo request, as the releases);
 * - no reasoning field at all for `off` (pi-ai would send OpenRouter's `effort: "none"`).
 */
export function applyRequestPolicy<M extends PolicyModel>(model: M, extra: ExtraParams, configured?: { cacheControlFormat?: unknown }): M {
  const wantsMarkers = extra.cacheRetention !== undefined && extra.cacheRetention !== "none";
  const compat = model.compat ? { ...(model.compat as FamilyCompatFlags) } : undefined;
  // A `compat.cacheControlFormat` written in the config is the user's choice and stays.
  if (compat && !wantsMarkers && configured?.cacheControlFormat === undefined) delete compat.cacheControlFormat;
  return { ...model, ...(compat ? { compat } : {}), thinkingLevelMap: { ...model.thinkingLevelMap, off: null } };
}

/**
 * Body fields pi-ai has no option for, applied through its payload hook: `stop` as an array, and no
 * OpenAI prompt-cache retention fields for gateways that do not take them. Returns undefined when there
 * is nothing to change, so pi-ai keeps its own object.
 */
export function applyPayloadParams(payload: unknown, extra: ExtraParams, compat: FamilyCompatFlags = {}): unknown {
  if (!payload || typeof payload !== "object") return undefined;
  const body = payload as Record<string, unknown>;
  const strip = compat.supportsPromptCacheRetention === false && ("prompt_cache_retention" in body || "prompt_cache_key" in body);
  if (!extra.stop?.length && !strip) return undefined;
  const next: Record<string, unknown> = { ...body, ...(extra.stop?.length ? { stop: extra.stop } : {}) };
  if (strip) {
    delete next.prompt_cache_retention;
    delete next.prompt_cache_key;
  }
  return next;
}
