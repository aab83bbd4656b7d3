/**
 * Prompt-cache TTL bookkeeping. Eligible provider/model pairs get an `openclaw.cache-ttl` session entry
 * after each turn (when `agents.defaults.contextPruning.mode` is "cache-ttl"), so pruning can tell
 * whether the provider's prompt cache is still warm.
 */
import { familyKeepsPromptCache } from "../../providers/facets.js";

export const CACHE_TTL_CUSTOM_TYPE = "openclaw.cache-ttl";

/**
 * Anthropic itself, and OpenRouter-style proxies for their `anthropic/*` models (the proxy forwards
 * Anthropic's prompt caching). Decided by the provider spec's family.
 */
export function isCacheTtlEligibleProvider(provider: string, modelId: string): boolean {
  return familyKeepsPromptCache(provider.toLowerCase(), modelId.toLowerCase());
}

export type CacheTtlEntryData = { timestamp: number; provider: string; modelId: string };
export type CustomSessionEntry = { type: "custom"; customType: string; data: unknown };

/** The newest cache-ttl timestamp among session entries, if any. */
export function readLastCacheTtlTimestamp(entries: readonly unknown[]): number | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index] as Partial<CustomSessionEntry> | undefined;
    if (entry?.type !== "custom" || entry.customType !== CACHE_TTL_CUSTOM_TYPE) continue;
    const timestamp = (entry.data as Partial<CacheTtlEntryData> | undefined)?.timestamp;
    if (typeof timestamp === "number") return timestamp;
  }
  return undefined;
}

export function buildCacheTtlEntry(data: CacheTtlEntryData): CustomSessionEntry {
  return { type: "custom", customType: CACHE_TTL_CUSTOM_TYPE, data };
}

/** Appends the entry through the given writer (the session store). */
export async function appendCacheTtlTimestamp(append: (entry: CustomSessionEntry) => Promise<void>, data: CacheTtlEntryData): Promise<void> {
  await append(buildCacheTtlEntry(data));
}
