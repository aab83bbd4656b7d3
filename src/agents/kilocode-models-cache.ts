/**
 * A provider's live catalog (Kilo's today), cached on disk under the state dir for an hour (the spec names
 * the file and the TTL env var). Whatever happens (timeout, 5xx, bad JSON, proxy down) the result keeps
 * the user's configured models and the spec's built-in ones: a failed fetch can only fail to add models,
 * never remove them.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { resolveCacheDir } from "../config/paths.js";
import type { ModelDefinitionConfig } from "../config/types.js";
import { isPlainObject } from "../config/env-substitution.js";
import { OpenClawError } from "../infra/errors.js";
import { readTextFileIfExists, writeJsonFileAtomic } from "../infra/json-file.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { specModels } from "../providers/models.js";
import { discoverCatalogModels, requireCatalogSpec, type CatalogTarget } from "./kilocode-models.js";
import type { EnvRecord } from "../infra/env.js";

export const DEFAULT_CATALOG_TTL_MS = 60 * 60 * 1000;

/** Concatenates lists, first occurrence of an id wins (configured entries go first). */
export function mergeModelLists(...lists: readonly (readonly ModelDefinitionConfig[])[]): ModelDefinitionConfig[] {
  const seen = new Set<string>();
  const out: ModelDefinitionConfig[] = [];
  for (const list of lists) {
    for (const model of list) {
      if (seen.has(model.id)) continue;
      seen.add(model.id);
      out.push(model);
    }
  }
  return out;
}

type CacheEntry = { fetchedAt: number; models: ModelDefinitionConfig[] };
type CacheFile = { version: 1; entries: Record<string, CacheEntry> };

/** Cache key: base URL, org and whether a key was sent (BYOK models differ), never the key itself. */
export function catalogCacheKey(params: { baseUrl: string; organizationId?: string; withKey: boolean }): string {
  return createHash("sha256").update(JSON.stringify([params.baseUrl, params.organizationId ?? "", params.withKey])).digest("hex").slice(0, 24);
}

function readCache(file: string): CacheFile {
  try {
    const parsed: unknown = JSON.parse(readTextFileIfExists(file) ?? "null");
    if (isPlainObject(parsed) && isPlainObject(parsed.entries)) return { version: 1, entries: parsed.entries as Record<string, CacheEntry> };
  } catch {
    // A corrupt cache is just a miss.
  }
  return { version: 1, entries: {} };
}

function ttlFromEnv(env: EnvRecord, name: string): number {
  const raw = env[name];
  const value = Number(raw);
  return raw !== undefined && Number.isFinite(value) && value >= 0 ? value : DEFAULT_CATALOG_TTL_MS;
}

export type CatalogResult = {
  models: ModelDefinitionConfig[];
  source: "cache" | "network" | "fallback";
  fetchedAt?: number;
  skipped?: number;
  error?: OpenClawError;
};

/**
 * The catalog of `target.provider`, from the cache or the network. The target (base URL, organisation,
 * key) is the effective provider as the caller resolved it; nothing here re-reads config, env or store.
 */
export async function loadProviderCatalog(params: {
  target: CatalogTarget;
  configured: readonly ModelDefinitionConfig[];
  env?: EnvRecord;
  refresh?: boolean;
  now?: () => number;
  timeoutMs?: number;
}): Promise<CatalogResult> {
  const env = params.env ?? process.env;
  const now = params.now ?? Date.now;
  const { target } = params;
  const spec = requireApiKeyProvider(target.provider);
  const catalog = requireCatalogSpec(target.provider);
  const fallback = specModels(spec);
  const cacheFile = path.join(resolveCacheDir(env), catalog.cacheFile);
  const key = catalogCacheKey({
    baseUrl: target.baseUrl,
    ...(target.organizationId ? { organizationId: target.organizationId } : {}),
    withKey: Boolean(target.apiKey),
  });
  const cache = readCache(cacheFile);
  const cached = cache.entries[key];
  if (!params.refresh && cached && Array.isArray(cached.models) && now() - cached.fetchedAt < ttlFromEnv(env, catalog.ttlEnvVar)) {
    return { models: mergeModelLists(params.configured, cached.models, fallback), source: "cache", fetchedAt: cached.fetchedAt };
  }
  try {
    const fetched = await discoverCatalogModels({ ...target, env, ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}) });
    const fetchedAt = now();
    cache.entries[key] = { fetchedAt, models: fetched.models };
    // A derived file: a symlink planted at its path is replaced, never written through.
    await writeJsonFileAtomic(cacheFile, cache, { symlink: "replace" }).catch(() => undefined);
    return { models: mergeModelLists(params.configured, fetched.models, fallback), source: "network", fetchedAt, skipped: fetched.skipped };
  } catch (err) {
    const error =
      err instanceof OpenClawError ? err : new OpenClawError("CATALOG_FETCH", `Fetching the ${catalog.label} failed: ${(err as Error).message}`);
    return { models: mergeModelLists(params.configured, fallback), source: "fallback", error };
  }
}
