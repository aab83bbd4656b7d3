import { describe, expect, it } from "vitest";
import { appendCacheTtlTimestamp, CACHE_TTL_CUSTOM_TYPE, isCacheTtlEligibleProvider, readLastCacheTtlTimestamp, type CustomSessionEntry } from "./cache-ttl.js";

describe("isCacheTtlEligibleProvider", () => {
  it("accepts kilocode anthropic/* models, case-insensitively on both arguments", () => {
    expect(isCacheTtlEligibleProvider("kilocode", "anthropic/claude-opus-4.6")).toBe(true);
    expect(isCacheTtlEligibleProvider("KILOCODE", "Anthropic/claude-opus-4.6")).toBe(true);
  });

  it("rejects other kilocode models", () => {
    expect(isCacheTtlEligibleProvider("kilocode", "openai/gpt-5")).toBe(false);
    expect(isCacheTtlEligibleProvider("kilocode", "google/gemini-3-pro-preview")).toBe(false);
    expect(isCacheTtlEligibleProvider("kilocode", "claude-opus")).toBe(false);
  });

  it("keeps the OpenRouter and Anthropic rules", () => {
    expect(isCacheTtlEligibleProvider("openrouter", "anthropic/claude-sonnet-4.5")).toBe(true);
    expect(isCacheTtlEligibleProvider("openrouter", "openai/gpt-5")).toBe(false);
    expect(isCacheTtlEligibleProvider("anthropic", "claude-opus-4-6")).toBe(true);
    expect(isCacheTtlEligibleProvider("openai", "anthropic/claude")).toBe(false);
  });
});

describe("cache-ttl session entries", () => {
  it("appends an openclaw.cache-ttl entry and reads the newest timestamp back", async () => {
    const entries: CustomSessionEntry[] = [];
    const append = async (entry: CustomSessionEntry) => void entries.push(entry);
    expect(readLastCacheTtlTimestamp(entries)).toBeUndefined();
    await appendCacheTtlTimestamp(append, { timestamp: 10, provider: "kilocode", modelId: "anthropic/claude-opus-4.6" });
    await appendCacheTtlTimestamp(append, { timestamp: 20, provider: "kilocode", modelId: "anthropic/claude-opus-4.6" });
    expect(entries[0]).toEqual({ type: "custom", customType: CACHE_TTL_CUSTOM_TYPE, data: { timestamp: 10, provider: "kilocode", modelId: "anthropic/claude-opus-4.6" } });
    expect(readLastCacheTtlTimestamp([...entries, { type: "custom", customType: "other", data: { timestamp: 99 } }])).toBe(20);
  });
});
