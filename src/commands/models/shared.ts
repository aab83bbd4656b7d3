/**
 * What `models list` and `models status` both read from the agent config: the default, fallbacks,
 * image model, aliases and the refs the config names, plus OpenClaw's display conventions. Pure.
 */
import { modelKey, resolveModelRefFromString } from "../../agents/model-selection.js";
import type { OpenClawConfig } from "../../config/types.js";

export type AgentModelView = {
  primary?: string;
  fallbacks: string[];
  imageModel?: string;
  imageFallbacks: string[];
  /** alias -> ref, from `agents.defaults.models[ref].alias`. */
  aliases: Record<string, string>;
  /** The keys of `agents.defaults.models` (the allowlist when non-empty). */
  allowed: string[];
};

/** Accepts both the object form and OpenClaw's plain-string form of `model` / `imageModel`. */
function readModelList(value: unknown): { primary?: string; fallbacks: string[] } {
  if (typeof value === "string") return value.trim() ? { primary: value.trim(), fallbacks: [] } : { fallbacks: [] };
  if (!value || typeof value !== "object") return { fallbacks: [] };
  const list = value as { primary?: unknown; fallbacks?: unknown };
  const primary = typeof list.primary === "string" && list.primary.trim() ? list.primary.trim() : undefined;
  const fallbacks = Array.isArray(list.fallbacks) ? list.fallbacks.filter((entry): entry is string => typeof entry === "string") : [];
  return { ...(primary ? { primary } : {}), fallbacks };
}

export function readAgentModelView(cfg: OpenClawConfig): AgentModelView {
  const defaults = cfg.agents?.defaults ?? {};
  const model = readModelList(defaults.model);
  const image = readModelList(defaults.imageModel);
  const aliases: Record<string, string> = {};
  for (const [ref, entry] of Object.entries(defaults.models ?? {})) {
    const alias = entry?.alias?.trim();
    if (alias) aliases[alias] = ref;
  }
  return {
    ...(model.primary ? { primary: model.primary } : {}),
    fallbacks: model.fallbacks,
    ...(image.primary ? { imageModel: image.primary } : {}),
    imageFallbacks: image.fallbacks,
    aliases,
    allowed: Object.keys(defaults.models ?? {}),
  };
}

/** A ref or alias as a canonical `provider/model` key (undefined when it does not parse). */
export function toModelKey(raw: string, cfg: OpenClawConfig): string | undefined {
  const ref = resolveModelRefFromString({ raw, cfg });
  return ref ? modelKey(ref.provider, ref.model) : undefined;
}

/** Every model key the agent config names, in OpenClaw's order: default, fallbacks, image, then the map. */
export function configuredModelKeys(cfg: OpenClawConfig, view: AgentModelView = readAgentModelView(cfg)): string[] {
  const raw = [view.primary, ...view.fallbacks, view.imageModel, ...view.imageFallbacks, ...view.allowed];
  const keys = raw.flatMap((entry) => (entry ? [toModelKey(entry, cfg)] : [])).filter((key): key is string => Boolean(key));
  return [...new Set(keys)];
}

/**
 * OpenClaw's tags for a model key: `default`, `fallback#N`, `image`, `img-fallback#N`, `configured`
 * (named anywhere in the agent config) and `alias:<name>`.
 */
export function modelTags(key: string, cfg: OpenClawConfig, defaultKey: string, view: AgentModelView = readAgentModelView(cfg)): string[] {
  const tags: string[] = [];
  const matches = (raw: string | undefined) => raw !== undefined && toModelKey(raw, cfg) === key;
  if (key === defaultKey) tags.push("default");
  view.fallbacks.forEach((raw, index) => matches(raw) && tags.push(`fallback#${index + 1}`));
  if (matches(view.imageModel)) tags.push("image");
  view.imageFallbacks.forEach((raw, index) => matches(raw) && tags.push(`img-fallback#${index + 1}`));
  if (configuredModelKeys(cfg, view).includes(key)) tags.push("configured");
  for (const [alias, ref] of Object.entries(view.aliases)) if (toModelKey(ref, cfg) === key) tags.push(`alias:${alias}`);
  return tags;
}

/** The tags of an untagged key: one frozen empty list, shared. */
export const NO_TAGS = Object.freeze([]) as unknown as string[];

/**
 * A few values by id, asked about many ids (every row of a catalog): an id whose length no key has is
 * answered without hashing it. Most ids are not among the few, and hashing each of 100 000 fresh id
 * strings was most of the cost of finding that out.
 */
export class FewById<T> {
  private readonly lengths: Uint8Array;

  constructor(private readonly byId: ReadonlyMap<string, T>) {
    let longest = 0;
    for (const id of byId.keys()) longest = Math.max(longest, id.length);
    this.lengths = new Uint8Array(longest + 1);
    for (const id of byId.keys()) this.lengths[id.length] = 1;
  }

  get(id: string): T | undefined {
    // Past the longest key, a typed array reads undefined.
    return this.lengths[id.length] === 1 ? this.byId.get(id) : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  keys(): IterableIterator<string> {
    return this.byId.keys();
  }

  get size(): number {
    return this.byId.size;
  }
}

/** modelTags for any key, and the tagged keys of one provider by model id. */
export type ModelTagger = ((key: string) => string[]) & {
  /** The tagged keys that start with `keyPrefix` ("provider/"), by the model id after it. */
  byModelId(keyPrefix: string): FewById<string[]>;
};

/**
 * modelTags as a lookup built once: only the keys the agent config names (and the default) can carry a
 * tag, so a 100 000-row catalog resolves the config's refs a handful of times, not once per row.
 * Untagged keys share one frozen empty list.
 */
export function createModelTagger(cfg: OpenClawConfig, defaultKey: string, view: AgentModelView = readAgentModelView(cfg)): ModelTagger {
  const byKey = new Map<string, string[]>();
  for (const key of [defaultKey, ...configuredModelKeys(cfg, view)]) {
    if (byKey.has(key)) continue;
    const tags = modelTags(key, cfg, defaultKey, view);
    if (tags.length) byKey.set(key, tags);
  }
  const byModelId = (keyPrefix: string) => {
    const out = new Map<string, string[]>();
    for (const [key, tags] of byKey) if (key.startsWith(keyPrefix)) out.set(key.slice(keyPrefix.length), tags);
    return new FewById(out);
  };
  return Object.assign((key: string) => byKey.get(key) ?? NO_TAGS, { byModelId });
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"]);

/** Whether a provider's base URL points at this machine (OpenClaw's `local` column). */
export function isLocalBaseUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return LOCAL_HOSTS.has(host) || host.endsWith(".localhost") || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** Token counts as OpenClaw prints them: thousands of 1024, so 1000000 is "977k". */
export function formatTokenCount(tokens: number | null | undefined): string {
  if (!tokens) return "-";
  return tokens >= 1024 ? `${Math.round(tokens / 1024)}k` : String(tokens);
}
