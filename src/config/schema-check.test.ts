import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileValidityCheck } from "./schema-check.js";
import { openClawConfigSchema, validateConfigObject } from "./schema.js";

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid config touching every schema type: strict, loose and rest objects, records, unions, pipes, picklists. */
function validConfig(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      meta: { lastTouchedVersion: "0.1.0" },
      env: { KILOCODE_API_KEY: "k", shellEnv: { enabled: true, timeoutMs: 1500 }, vars: { A: "a" } },
      auth: { profiles: { "kilocode:default": { provider: "kilocode", mode: "api_key", email: "a@b.c" } }, order: { kilocode: ["kilocode:default"] } },
      models: {
        mode: "merge",
        providers: {
          kilocode: {
            baseUrl: "https://api.kilo.ai/api/gateway/",
            apiKey: "${KILOCODE_API_KEY}",
            auth: "api-key",
            api: "openai-completions",
            headers: { "X-Title": "t" },
            authHeader: true,
            organizationId: "org",
            models: [
              {
                ...{ id: "anthropic/claude-opus-4.6", name: "Opus", api: "openai-completions", reasoning: true, input: ["text", "image"] },
                ...{ cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 200000, maxTokens: 8192, headers: { A: "b" } },
                compat: { supportsStore: false, maxTokensField: "max_tokens", thinkingFormat: "openrouter", cacheControlFormat: "none" },
              },
              { id: "m2", name: "M2" },
            ],
          },
        },
      },
      agents: { defaults: { model: { primary: "kilocode/m2", fallbacks: ["kilocode/anthropic/claude-opus-4.6"] }, models: { "kilocode/m2": { alias: "m", params: { x: 1 } } }, timeoutSeconds: 60 } },
      channels: { anything: [1, { goes: null }] },
    }),
  ) as Record<string, unknown>;
}

type Container = Record<string, unknown> | unknown[];

/** Every object or array in `root`, so a mutation can land anywhere (owned sections or not). */
function containers(root: unknown): Container[] {
  const out: Container[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value && typeof value === "object") {
      out.push(value as Container);
      stack.push(...Object.values(value));
    }
  }
  return out;
}

const REPLACEMENTS: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => "",
  () => "   ",
  () => "x",
  () => "text",
  () => "api_key",
  () => "merge",
  () => "openai-completions",
  () => 0,
  () => 1,
  () => -3,
  () => 1.5,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => true,
  () => false,
  () => [],
  () => ["text"],
  () => [1],
  () => ({}),
  () => ({ a: 1 }),
  () => JSON.parse('{"__proto__": {"x": 1}}'),
  () => ({ constructor: 5 }),
  () => ({ baseUrl: "https://x/", models: [] }),
  () => ({ id: "a", name: "b" }),
  () => ({ provider: "p", mode: "token" }),
];

const NEW_KEYS = ["baseURL", "Id", "extra", "__proto__", "constructor", "prototype", "0", "input", "models", "primary"];

function mutate(config: Record<string, unknown>, next: () => number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const target = pick(containers(config));
  const keys = Object.keys(target);
  const roll = next();
  if (roll < 0.2 || keys.length === 0) {
    // A new key, defined as data (a "__proto__" key included), holding any replacement.
    const key = Array.isArray(target) ? String(target.length) : pick(NEW_KEYS);
    Object.defineProperty(target, key, { value: pick(REPLACEMENTS)(), writable: true, enumerable: true, configurable: true });
  } else if (roll < 0.35 && !Array.isArray(target)) {
    delete target[pick(keys)];
  } else {
    const key = pick(keys);
    Object.defineProperty(target, key, { value: pick(REPLACEMENTS)(), writable: true, enumerable: true, configurable: true });
  }
}

describe("compileValidityCheck", () => {
  const check = compileValidityCheck(openClawConfigSchema);

  it("models the whole config schema", () => {
    expect(check).toBeTypeOf("function");
  });

  it("agrees with valibot on thousands of mutated configs", () => {
    const next = random(14);
    let valid = 0;
    let invalid = 0;
    for (let round = 0; round < 4000; round++) {
      const config = validConfig();
      const mutations = 1 + Math.floor(next() * 3);
      for (let step = 0; step < mutations; step++) mutate(config, next);
      const expected = v.safeParse(openClawConfigSchema, config).success;
      if (check!(config) !== expected) throw new Error(`disagrees with valibot (valibot: ${expected}) on ${JSON.stringify(config)}`);
      if (expected) valid++;
      else invalid++;
    }
    // Both outcomes are exercised, so the comparison means something.
    expect(valid).toBeGreaterThan(500);
    expect(invalid).toBeGreaterThan(500);
  });

  it("agrees with valibot on values that are not configs", () => {
    for (const value of [undefined, null, 0, "x", true, [], [1], {}, { models: [] }, { models: { providers: [] } }, Object.create({ env: 5 })]) {
      expect(check!(value)).toBe(v.safeParse(openClawConfigSchema, value).success);
    }
  });

  it("returns undefined for schema parts it does not model, so valibot stays in charge", () => {
    expect(compileValidityCheck(v.optional(v.string(), "default"))).toBeUndefined();
    expect(compileValidityCheck(v.pipe(v.string(), v.transform((text) => text.length)))).toBeUndefined();
    expect(compileValidityCheck(v.strictObject({ a: v.nullish(v.string()) }))).toBeUndefined();
    expect(compileValidityCheck(v.pipe(v.string(), v.email()))).toBeUndefined();
  });

  it("treats number picklists (NaN included) as valibot does", () => {
    for (const options of [[1, 2], [1, Number.NaN]] as const) {
      const schema = v.picklist(options);
      const compiled = compileValidityCheck(schema)!;
      for (const value of [1, 2, Number.NaN, "1", 3]) expect(compiled(value)).toBe(v.safeParse(schema, value).success);
    }
  });
});

describe("validateConfigObject on a big config", () => {
  const bigConfig = (count: number) => {
    const config = validConfig();
    const provider = (config.models as { providers: Record<string, { models: unknown[] }> }).providers.kilocode!;
    for (let index = 0; index < count; index++) {
      provider.models.push({ id: `vendor/model-${index}`, name: `Model ${index}`, input: ["text"], cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 }, contextWindow: 32000 });
    }
    return { config, models: provider.models as Record<string, unknown>[] };
  };

  it("accepts 10 000 valid models", () => {
    expect(validateConfigObject(bigConfig(10_000).config)).toEqual([]);
  });

  it("reports a bad model deep in the list with the same texts as valibot's path", () => {
    const { config, models } = bigConfig(10_000);
    models[9_000]!.contextWindow = 0;
    (models[9_500]!.cost as Record<string, unknown>).cacheRead = "free";
    models[9_999]!.baseURL = "x";
    expect(validateConfigObject(config)).toEqual([
      { path: "models.providers.kilocode.models[9999]", message: 'models.providers.kilocode.models[9999]: unknown key "baseURL"' },
      { path: "models.providers.kilocode.models[9000].contextWindow", message: "models.providers.kilocode.models[9000].contextWindow: expected a positive integer, got 0" },
      { path: "models.providers.kilocode.models[9500].cost.cacheRead", message: 'models.providers.kilocode.models[9500].cost.cacheRead: expected number, got "free"' },
    ]);
  });
});
