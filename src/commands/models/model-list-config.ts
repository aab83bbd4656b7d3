/**
 * Pure edits of `agents.defaults.model` ({primary, fallbacks}) for `models set` and `models fallbacks`.
 * Each returns a new config and keeps everything it does not own.
 */
import { configuredFallbackRefs, modelKey, parseModelRef, resolveConfiguredModelRef } from "../../agents/model-selection.js";
import type { AgentModelListConfig, OpenClawConfig } from "../../config/types.js";

function withModelList(cfg: OpenClawConfig, list: AgentModelListConfig): OpenClawConfig {
  return { ...cfg, agents: { ...cfg.agents, defaults: { ...cfg.agents?.defaults, model: list } } };
}

function currentList(cfg: OpenClawConfig): AgentModelListConfig {
  const model = cfg.agents?.defaults?.model;
  if (typeof model === "string") return { primary: model };
  return { ...model };
}

/** Two refs name the same model when their canonical keys match (provider case, whitespace). */
export function sameModelRef(a: string, b: string): boolean {
  const left = parseModelRef(a);
  const right = parseModelRef(b);
  return left && right ? modelKey(left.provider, left.model) === modelKey(right.provider, right.model) : a.trim() === b.trim();
}

/**
 * A non-empty `agents.defaults.models` is an allowlist: a model added to the chain must be on it or it
 * could not be picked. An empty one allows everything and is left empty (adding one entry would restrict it).
 */
function allowModel(cfg: OpenClawConfig, key: string): OpenClawConfig {
  const models = cfg.agents?.defaults?.models;
  if (!models || Object.keys(models).length === 0 || models[key]) return cfg;
  return { ...cfg, agents: { ...cfg.agents, defaults: { ...cfg.agents?.defaults, models: { ...models, [key]: {} } } } };
}

/** Sets the primary; fallbacks are kept, minus the new primary (a model cannot fall back to itself). */
export function applyDefaultModel(cfg: OpenClawConfig, key: string): { cfg: OpenClawConfig; droppedFallback: boolean } {
  const list = currentList(cfg);
  const fallbacks = configuredFallbackRefs(cfg);
  const kept = fallbacks.filter((ref) => !sameModelRef(ref, key));
  const next = withModelList(allowModel(cfg, key), { ...list, primary: key, ...(list.fallbacks !== undefined || kept.length ? { fallbacks: kept } : {}) });
  return { cfg: next, droppedFallback: kept.length !== fallbacks.length };
}

export type FallbackEdit = { cfg: OpenClawConfig; changed: boolean; fallbacks: string[] };

export function addFallback(cfg: OpenClawConfig, key: string): FallbackEdit {
  const fallbacks = configuredFallbackRefs(cfg);
  if (fallbacks.some((ref) => sameModelRef(ref, key))) return { cfg, changed: false, fallbacks };
  const next = [...fallbacks, key];
  return { cfg: withModelList(allowModel(cfg, key), { ...currentList(cfg), fallbacks: next }), changed: true, fallbacks: next };
}

export function removeFallback(cfg: OpenClawConfig, raw: string): FallbackEdit {
  const fallbacks = configuredFallbackRefs(cfg);
  const next = fallbacks.filter((ref) => !sameModelRef(ref, raw));
  if (next.length === fallbacks.length) return { cfg, changed: false, fallbacks };
  return { cfg: withModelList(cfg, { ...currentList(cfg), fallbacks: next }), changed: true, fallbacks: next };
}

export function clearFallbacks(cfg: OpenClawConfig): FallbackEdit {
  const fallbacks = configuredFallbackRefs(cfg);
  if (fallbacks.length === 0) return { cfg, changed: false, fallbacks };
  return { cfg: withModelList(cfg, { ...currentList(cfg), fallbacks: [] }), changed: true, fallbacks: [] };
}

/** Whether `key` is the default model (so adding it as a fallback would be pointless). */
export function isPrimaryModel(cfg: OpenClawConfig, key: string): boolean {
  const primary = resolveConfiguredModelRef(cfg);
  return sameModelRef(modelKey(primary.provider, primary.model), key);
}
