/**
 * The Kilo catalog, cached on disk under the state dir for an hour. Whatever happens (timeout, 5xx, bad
 * JSON, proxy down) the result keeps the user's configured models and the built-in default: a failed
 * fetch can only fail to add models, never remove them.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { resolveCacheDir } from "../config/paths.js";
import type { ModelDefinitionConfig, OpenClawConfig } from "../config/types.js";
import { isPlainObject } from "../config/env-substitution.js";
import { OpenClawError } from "../infra/errors.js";
import { readTextFileIfExists, writeJsonFileAtomic } from "../infra/json-file.js";
import { buildKilocodeDefaultModel, KILOCODE_BASE_URL } from "../providers/kilocode-shared.js";
import { discoverKilocodeModels } from "./kilocode-models.js";
import type { EnvRecord } from "../infra/env.js";

export const DEFAULT_CATALOG_TTL_MS = 60 * 60 * 1000;
const CACHE_FILE = "kilocode-models.json";

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

export function resolveKilocodeCatalogBaseUrl(cfg: OpenClawConfig, env: EnvRecord): string {
  return cfg.models?.providers?.kilocode?.baseUrl || env.KILOCODE_API_BASE_URL?.trim() || KILOCODE_BASE_URL;
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

function ttlFromEnv(env: EnvRecord): number {
  const value = Number(env.OPENCLAW_KILOCODE_CATALOG_TTL_MS);
  return Number.isFinite(value) && value >= 0 && env.OPENCLAW_KILOCODE_CATALOG_TTL_MS !== undefined ? value : DEFAULT_CATALOG_TTL_MS;
}

export type CatalogResult = {
  models: ModelDefinitionConfig[];
  source: "cache" | "network" | "fallback";
  fetchedAt?: number;
  skipped?: number;
  error?: OpenClawError;
};

export async function loadKilocodeCatalog(params: {
  configured: readonly ModelDefinitionConfig[];
  baseUrl: string;
  apiKey?: string;
  organizationId?: string;
  env?: EnvRecord;
  refresh?: boolean;
  now?: () => number;
  timeoutMs?: number;
}): Promise<CatalogResult> {
  const env = params.env ?? process.env;
  const now = params.now ?? Date.now;
  const fallback = [buildKilocodeDefaultModel()];
  const orgId = env.KILOCODE_ORG_ID?.trim() || params.organizationId;
  const cacheFile = path.join(resolveCacheDir(env), CACHE_FILE);
  const key = catalogCacheKey({ baseUrl: params.baseUrl, ...(orgId ? { organizationId: orgId } : {}), withKey: Boolean(params.apiKey) });
  const cache = readCache(cacheFile);
  const cached = cache.entries[key];
  if (!params.refresh && cached && Array.isArray(cached.models) && now() - cached.fetchedAt < ttlFromEnv(env)) {
    return { models: mergeModelLists(params.configured, cached.models, fallback), source: "cache", fetchedAt: cached.fetchedAt };
  }
  try {
    const fetched = await discoverKilocodeModels({
      baseUrl: params.baseUrl,
      env,
      ...(params.apiKey ? { apiKey: params.apiKey } : {}),
      ...(orgId ? { organizationId: orgId } : {}),
      ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}),
    });
    const fetchedAt = now();
    cache.entries[key] = { fetchedAt, models: fetched.models };
    await writeJsonFileAtomic(cacheFile, cache).catch(() => undefined);
    return { models: mergeModelLists(params.configured, fetched.models, fallback), source: "network", fetchedAt, skipped: fetched.skipped };
  } catch (err) {
    const error =
      err instanceof OpenClawError ? err : new OpenClawError("KILOCODE_CATALOG", `Fetching the Kilo model catalog failed: ${(err as Error).message}`);
    return { models: mergeModelLists(params.configured, fallback), source: "fallback", error };
  }
}
