/**
 * A provider's live catalog (Kilo's today), cached on disk under the state dir for an hour (the spec names
 * the file and the TTL env var). Whatever happens (timeout, 5xx, bad JSON, proxy down) the result keeps
 * the user's configured models and the spec's built-in ones: a failed fetch can only fail to add models,
 * never remove them.
 */
import path from "node:path";
import { resolveCacheDir } from "../config/paths.js";
import type { ModelDefinitionConfig } from "../config/types.js";
import { FNV1A_SEED, fnv1a32 } from "../infra/fnv1a.js";
import { jsonEqual } from "../infra/json-equal.js";
import { isPlainObject } from "../infra/plain-object.js";
import { OpenClawError } from "../infra/errors.js";
import { readTextFileIfExists, writeTextFileAtomic } from "../infra/json-file.js";
import { requireApiKeyProvider } from "../providers/api-key-providers.js";
import { specModels } from "../providers/models.js";
import { sharedModelCost } from "./model-cost-pool.js";
import { discoverCatalogModels, requireCatalogSpec, TEXT_IMAGE_INPUT, TEXT_INPUT, type CatalogTarget } from "./kilocode-models.js";
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

/**
 * Where an id sits in a live list (-1 when absent), when the caller has an index of it (a fetched catalog
 * does): the merge then looks up the few configured and built-in ids instead of every live row's.
 */
export type LivePositions = (id: string) => number;

/** A LivePositions for a list without an index (a cached catalog): one pass over it. */
function scanPositions(live: readonly ModelDefinitionConfig[], ids: ReadonlySet<string>): LivePositions {
  const positions = new Map<string, number>();
  if (ids.size) for (let index = 0; index < live.length; index++) if (ids.has(live[index]!.id)) positions.set(live[index]!.id, index);
  return (id) => positions.get(id) ?? -1;
}

/**
 * Configured models with the live rows swapped in for onboarding's untouched copies of built-in models
 * (zero cost), so the listing shows the gateway's real prices. Entries the user changed stay as written.
 */
export function preferLiveRows(
  configured: readonly ModelDefinitionConfig[],
  builtIns: readonly ModelDefinitionConfig[],
  live: readonly ModelDefinitionConfig[],
  livePositions?: LivePositions,
): ModelDefinitionConfig[] {
  // Only the (few) untouched copies can be swapped: look up just their ids, not the whole live catalog.
  const untouched = configured.map((model) => {
    const builtIn = builtIns.find((entry) => entry.id === model.id);
    return builtIn !== undefined && jsonEqual(model, builtIn);
  });
  const swappable = new Set<string>();
  configured.forEach((model, index) => untouched[index] && swappable.add(model.id));
  if (swappable.size === 0) return configured.slice();
  const positionOf = livePositions ?? scanPositions(live, swappable);
  return configured.map((model, index) => {
    const position = untouched[index] ? positionOf(model.id) : -1;
    return position >= 0 ? live[position]! : model;
  });
}

/**
 * `configured`, then the `live` catalog, then the spec's `fallback` models; the first occurrence of an id
 * wins, as in mergeModelLists. The live list holds each id once (parseCatalog drops repeats, and the
 * cache is written from its result). With `livePositions` (a fetched catalog's index) only the short
 * lists' ids are looked up, and no id of the live list is hashed at all.
 */
export function mergeLiveCatalog(
  configured: readonly ModelDefinitionConfig[],
  live: readonly ModelDefinitionConfig[],
  fallback: readonly ModelDefinitionConfig[],
  livePositions?: LivePositions,
): ModelDefinitionConfig[] {
  const out = mergeModelLists(configured);
  const taken = new Set<string>();
  for (const model of out) taken.add(model.id);
  if (!livePositions) {
    // No index (a cached catalog): one pass. Every live row with a configured id goes, even one repeated
    // in a cache file this code did not write.
    const pending = new Set<string>();
    for (const model of fallback) if (!taken.has(model.id)) pending.add(model.id);
    for (const model of live) {
      if (taken.has(model.id)) continue;
      out.push(model);
      pending.delete(model.id);
    }
    for (const model of fallback) {
      if (!pending.has(model.id)) continue;
      out.push(model);
      pending.delete(model.id);
    }
    return out;
  }
  // Live rows a configured model replaces, in list order (a fetched catalog holds each id once).
  const replaced: number[] = [];
  for (const id of taken) {
    const position = livePositions(id);
    if (position >= 0) replaced.push(position);
  }
  replaced.sort((a, b) => a - b);
  let next = 0;
  for (let index = 0; index < live.length; index++) {
    if (next < replaced.length && replaced[next] === index) {
      next++;
      continue;
    }
    out.push(live[index]!);
  }
  for (const model of fallback) {
    if (taken.has(model.id) || livePositions(model.id) >= 0) continue;
    taken.add(model.id);
    out.push(model);
  }
  return out;
}

/** One cache file per base URL, organisation and key presence: a catalog fetch rewrites only its own. */
export type CacheFile = { baseUrl: string; organizationId?: string; fetchedAt: number; models: ModelDefinitionConfig[] };

/**
 * On disk each model is one array, in this column order (named in the file itself), not an object: a
 * 100 000-model catalog then writes and parses 7 MB instead of 20, and stringifying it costs about half.
 * `flags` holds reasoning (1) and image input (2). The live catalog's rows have exactly these fields.
 */
const CACHE_COLUMNS = ["id", "name", "flags", "input", "output", "cacheRead", "cacheWrite", "contextWindow", "maxTokens"] as const;
const CACHE_VERSION = 3;
const REASONING = 1;
const IMAGE_INPUT = 2;

type CacheRow = [string, string, number, number, number, number, number, number | null, number | null];

function toCacheRow(model: ModelDefinitionConfig): CacheRow {
  const flags = (model.reasoning ? REASONING : 0) | (model.input?.includes("image") ? IMAGE_INPUT : 0);
  const cost = model.cost;
  return [model.id, model.name, flags, cost?.input ?? 0, cost?.output ?? 0, cost?.cacheRead ?? 0, cost?.cacheWrite ?? 0, model.contextWindow ?? null, model.maxTokens ?? null];
}

function fromCacheRow(row: unknown): ModelDefinitionConfig | undefined {
  if (!Array.isArray(row) || row.length !== CACHE_COLUMNS.length) return undefined;
  const [id, name, flags, input, output, cacheRead, cacheWrite, contextWindow, maxTokens] = row as unknown[];
  if (typeof id !== "string" || typeof name !== "string" || typeof flags !== "number") return undefined;
  if (typeof input !== "number" || typeof output !== "number" || typeof cacheRead !== "number" || typeof cacheWrite !== "number") return undefined;
  if ((contextWindow !== null && typeof contextWindow !== "number") || (maxTokens !== null && typeof maxTokens !== "number")) return undefined;
  return {
    id,
    name,
    reasoning: (flags & REASONING) !== 0,
    input: flags & IMAGE_INPUT ? TEXT_IMAGE_INPUT : TEXT_INPUT,
    cost: sharedModelCost(input, output, cacheRead, cacheWrite),
    ...(contextWindow !== null ? { contextWindow } : {}),
    ...(maxTokens !== null ? { maxTokens } : {}),
  };
}

/** Cache key: base URL, org and whether a key was sent (BYOK models differ), never the key itself. */
export function catalogCacheKey(params: { baseUrl: string; organizationId?: string; withKey: boolean }): string {
  // Three 32-bit FNV-1a hashes with different seeds: 24 hex digits, enough for the few targets one user has,
  // and node:crypto (~6 ms to load) stays unloaded. A collision could only make a read miss (readCache
  // checks the base URL and organisation stored in the file).
  const text = JSON.stringify([params.baseUrl, params.organizationId ?? "", params.withKey]);
  let key = "";
  for (const seed of [FNV1A_SEED, 0x050c5d1f, 0x2f6b1a3d]) key += (fnv1a32(text, seed) >>> 0).toString(16).padStart(8, "0");
  return key;
}

/** `<cacheDir>/<name>-<key>.json` for the spec's `<name>.json`. */
export function catalogCacheFile(cacheDir: string, specFile: string, key: string): string {
  const parsed = path.parse(specFile);
  return path.join(cacheDir, `${parsed.name}-${key}${parsed.ext || ".json"}`);
}

const MODELS_PER_PIECE = 4096;

/** The cache file's text in pieces (one block of models at a time), so a big catalog is never one string. */
export function* cacheFilePieces(entry: CacheFile): Generator<string> {
  const { models, ...head } = entry;
  const shell = JSON.stringify({ version: CACHE_VERSION, ...head, columns: CACHE_COLUMNS, models: [] });
  // `{...,"models":[` then the blocks, then `]}`.
  yield shell.slice(0, -2);
  for (let start = 0; start < models.length; start += MODELS_PER_PIECE) {
    const end = Math.min(start + MODELS_PER_PIECE, models.length);
    const rows = new Array<CacheRow>(end - start);
    for (let index = start; index < end; index++) rows[index - start] = toCacheRow(models[index]!);
    const block = JSON.stringify(rows);
    yield start ? `,${block.slice(1, -1)}` : block.slice(1, -1);
  }
  yield "]}";
}

/** The cache entry for `target`, or undefined (missing, another version or target, or damaged: a miss). */
function readCache(file: string, target: CatalogTarget): CacheFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readTextFileIfExists(file) ?? "null");
  } catch {
    return undefined;
  }
  if (
    !isPlainObject(parsed) ||
    parsed.version !== CACHE_VERSION ||
    typeof parsed.fetchedAt !== "number" ||
    !jsonEqual(parsed.columns, CACHE_COLUMNS) ||
    !Array.isArray(parsed.models) ||
    parsed.baseUrl !== target.baseUrl ||
    (parsed.organizationId ?? undefined) !== (target.organizationId || undefined)
  ) {
    return undefined;
  }
  const rows = parsed.models as unknown[];
  const models = new Array<ModelDefinitionConfig>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const model = fromCacheRow(rows[index]);
    if (!model) return undefined;
    models[index] = model;
  }
  return { baseUrl: target.baseUrl, ...(target.organizationId ? { organizationId: target.organizationId } : {}), fetchedAt: parsed.fetchedAt, models };
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
}): Promise<CatalogResult> {
  const env = params.env ?? process.env;
  const now = params.now ?? Date.now;
  const { target } = params;
  const spec = requireApiKeyProvider(target.provider);
  const catalog = requireCatalogSpec(target.provider);
  const fallback = specModels(spec);
  const key = catalogCacheKey({
    baseUrl: target.baseUrl,
    ...(target.organizationId ? { organizationId: target.organizationId } : {}),
    withKey: Boolean(target.apiKey),
  });
  const cacheFile = catalogCacheFile(resolveCacheDir(env), catalog.cacheFile, key);
  // --refresh fetches anyway, so the cache is not even read.
  const cached = params.refresh ? undefined : readCache(cacheFile, target);
  if (cached && now() - cached.fetchedAt < ttlFromEnv(env, catalog.ttlEnvVar)) {
    const configured = preferLiveRows(params.configured, fallback, cached.models);
    return { models: mergeLiveCatalog(configured, cached.models, fallback), source: "cache", fetchedAt: cached.fetchedAt };
  }
  try {
    const fetched = await discoverCatalogModels({ ...target, env });
    const fetchedAt = now();
    const entry: CacheFile = {
      baseUrl: target.baseUrl,
      ...(target.organizationId ? { organizationId: target.organizationId } : {}),
      fetchedAt,
      models: fetched.models,
    };
    // Compact: a 100 000-model catalog pretty-printed is several times the bytes to write and read back.
    // A derived file: a symlink planted at its path is replaced, never written through, and it is not
    // fsynced (lost or emptied by a crash, it is a miss and is fetched again).
    await writeTextFileAtomic(cacheFile, cacheFilePieces(entry), { symlink: "replace", durable: false }).catch(() => undefined);
    const configured = preferLiveRows(params.configured, fallback, fetched.models, fetched.positionOf);
    return { models: mergeLiveCatalog(configured, fetched.models, fallback, fetched.positionOf), source: "network", fetchedAt, skipped: fetched.skipped };
  } catch (err) {
    const error =
      err instanceof OpenClawError ? err : new OpenClawError("CATALOG_FETCH", `Fetching the ${catalog.label} failed: ${(err as Error).message}`);
    return { models: mergeModelLists(params.configured, fallback), source: "fallback", error };
  }
}
