/** Model refs (`provider/model`), the configured default, aliases and the allowlist. */
import type { OpenClawConfig } from "../config/types.js";
import { normalizeProviderId } from "../providers/api-key-providers.js";

export const DEFAULT_PROVIDER = "anthropic";
export const DEFAULT_MODEL = "claude-opus-4-6";

export type ModelRef = { provider: string; model: string };

/** Splits on the FIRST "/": `kilocode/anthropic/claude-opus-4.6` is provider kilocode, model `anthropic/claude-opus-4.6`. */
export function parseModelRef(raw: string): ModelRef | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const slash = trimmed.indexOf("/");
  if (slash === -1) return { provider: DEFAULT_PROVIDER, model: trimmed };
  const provider = normalizeProviderId(trimmed.slice(0, slash));
  const model = trimmed.slice(slash + 1).trim();
  if (!provider || !model) return null;
  return { provider, model };
}

export function modelKey(provider: string, model: string): string {
  return `${normalizeProviderId(provider)}/${model}`;
}

export function configuredPrimaryRef(cfg: OpenClawConfig): string | undefined {
  const model = cfg.agents?.defaults?.model;
  const primary = typeof model === "string" ? model : model?.primary;
  return primary?.trim() || undefined;
}

/** `agents.defaults.model.fallbacks`, trimmed, empties dropped, in order (the string form has none). */
export function configuredFallbackRefs(cfg: OpenClawConfig): string[] {
  const model = cfg.agents?.defaults?.model;
  if (!model || typeof model === "string" || !Array.isArray(model.fallbacks)) return [];
  return model.fallbacks.map((ref) => String(ref).trim()).filter(Boolean);
}

/** Resolves an alias from `agents.defaults.models[<ref>].alias` (case-insensitive) or parses a ref. */
export function resolveModelRefFromString(params: { raw: string; cfg: OpenClawConfig }): ModelRef | null {
  const raw = params.raw.trim();
  const lower = raw.toLowerCase();
  for (const [ref, entry] of Object.entries(params.cfg.agents?.defaults?.models ?? {})) {
    if (entry.alias && entry.alias.trim().toLowerCase() === lower) return parseModelRef(ref);
  }
  return parseModelRef(raw);
}

/** The default model: `agents.defaults.model(.primary)` (alias allowed), else anthropic/claude-opus-4-6. */
export function resolveConfiguredModelRef(cfg: OpenClawConfig): ModelRef {
  const primary = configuredPrimaryRef(cfg);
  const resolved = primary ? resolveModelRefFromString({ raw: primary, cfg }) : null;
  return resolved ?? { provider: DEFAULT_PROVIDER, model: DEFAULT_MODEL };
}

/**
 * `agents.defaults.models` doubles as an allowlist: when it has entries, only those refs (plus the
 * default model) are offered. Returns undefined when everything is allowed.
 */
export function resolveAllowedModelRefs(cfg: OpenClawConfig): Set<string> | undefined {
  const entries = Object.keys(cfg.agents?.defaults?.models ?? {});
  if (entries.length === 0) return undefined;
  const allowed = new Set<string>();
  for (const raw of entries) {
    const ref = parseModelRef(raw);
    if (ref) allowed.add(modelKey(ref.provider, ref.model));
  }
  const primary = resolveConfiguredModelRef(cfg);
  allowed.add(modelKey(primary.provider, primary.model));
  return allowed;
}
